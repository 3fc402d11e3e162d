// Whether a campaign's codes are bound to customers: it has a binding key. The key's one home is
// the campaign's `bindingKey` column, never its stored rules (a rules document can stop
// validating, and every save rewrites it); the push copies it into the discount's metafield.
import { validateRules } from "@onecode/checkout-rules/rules";

/** The key a rules document built by the create form carries to the campaign's creation. */
export function boundKeyOf(formRules: unknown): string | null {
  const rules = validateRules(formRules);
  return rules.ok ? rules.rules.boundKey : null;
}

export function isBound(campaign: { bindingKey: string | null }): boolean {
  return campaign.bindingKey !== null;
}

/** The rules as stored: the key left out, since it lives in the campaign's column. */
export function withoutBoundKey<T>(rules: T): T {
  return rules && typeof rules === "object" && !Array.isArray(rules)
    ? { ...rules, boundKey: null }
    : rules;
}
