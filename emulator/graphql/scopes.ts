import { ShopifyGraphQLError } from "./errors";

// Access scopes from Shopify's `requiredAccess` introspection text, e.g.
// "Apps must have `write_discounts` access scope." or
// "`read_orders` access scope, `read_marketplace_orders` access scope or `read_quick_sale` access scope."
// Text after "Also:" names staff permissions, which an offline token does not carry; it is ignored.

interface ScopeRule {
  anyOf: string[];
  allOf: string[];
}

const cache = new Map<string, ScopeRule | null>();

export function parseRequiredAccess(text: string): ScopeRule | null {
  if (cache.has(text)) return cache.get(text) ?? null;
  const head = text.split("Also:")[0] ?? "";
  const scopes = [
    ...head.matchAll(/`((?:read|write|unauthenticated_read|unauthenticated_write)_\w+)`/g),
  ].map((m) => m[1] as string);
  let rule: ScopeRule | null = null;
  if (scopes.length > 0) {
    rule = / as well as |\bboth\b/.test(head)
      ? { anyOf: [], allOf: scopes }
      : { anyOf: scopes, allOf: [] };
  }
  cache.set(text, rule);
  return rule;
}

/** Granted scopes plus the read scopes their write scopes imply (Shopify: write_x includes read_x). */
export function effectiveScopes(granted: string[]): Set<string> {
  const scopes = new Set(granted);
  for (const s of granted) if (s.startsWith("write_")) scopes.add(`read_${s.slice(6)}`);
  return scopes;
}

export function satisfies(rule: ScopeRule, scopes: Set<string>): boolean {
  if (rule.allOf.length > 0) return rule.allOf.every((s) => scopes.has(s));
  return rule.anyOf.some((s) => scopes.has(s));
}

/** Shopify's ACCESS_DENIED error for a field. */
export function accessDenied(fieldName: string, requiredAccess: string): ShopifyGraphQLError {
  return new ShopifyGraphQLError(
    `Access denied for ${fieldName} field. Required access: ${requiredAccess.trim()}`,
    "ACCESS_DENIED",
    {
      documentation: "https://shopify.dev/api/usage/access-scopes",
      requiredAccess: requiredAccess.trim(),
    },
  );
}
