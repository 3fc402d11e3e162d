import { createHash } from "node:crypto";
import { nowIso, type EmulatorState } from "./context";
import { gidType, legacyId, nextGid } from "./ids";
import type { Gid, Metafield, ShopRecord, UserError } from "./types";

// Owner GID types that can hold metafields here, with Shopify's MetafieldOwnerType for each.
const OWNER_TYPES: Record<string, string> = {
  DiscountCodeNode: "DISCOUNT",
  DiscountAutomaticNode: "DISCOUNT",
  Customer: "CUSTOMER",
  Product: "PRODUCT",
  Collection: "COLLECTION",
  Order: "ORDER",
  Shop: "SHOP",
};

// Character limits per type: https://shopify.dev/docs/apps/build/metafields/metafield-limits
// (json 2m, id and url 2,048, other scalar types 65k). Types outside this list are rejected
// as INVALID_TYPE rather than stored unchecked.
const TYPE_LIMITS: Record<string, number> = {
  json: 2_000_000,
  single_line_text_field: 65_000,
  multi_line_text_field: 65_000,
  boolean: 65_000,
  number_integer: 65_000,
  number_decimal: 65_000,
  date: 65_000,
  date_time: 65_000,
  url: 2_048,
  id: 2_048,
};

export interface MetafieldWrite {
  ownerId: Gid;
  namespace?: string | null;
  key: string;
  value: string;
  type?: string | null;
  compareDigest?: string | null;
}

export function ownerTypeOf(ownerId: Gid): string | null {
  const type = gidType(ownerId);
  return type ? (OWNER_TYPES[type] ?? null) : null;
}

export function ownerExists(shop: ShopRecord, ownerId: Gid): boolean {
  switch (gidType(ownerId)) {
    case "DiscountCodeNode":
      return shop.discounts.has(ownerId);
    case "DiscountAutomaticNode":
      return shop.automaticDiscounts?.has(ownerId) ?? false;
    case "Customer":
      return shop.customers.has(ownerId);
    case "Product":
      return shop.products.has(ownerId);
    case "Collection":
      return shop.collections.has(ownerId);
    case "Order":
      return shop.orders.has(ownerId);
    case "Shop":
      return ownerId === shop.id;
    default:
      return false;
  }
}

/**
 * Shopify's app-reserved namespaces: an omitted namespace is the app's own ("app--<app id>"), and
 * "$app:<name>" is "app--<app id>--<name>" (MetafieldsSetInput.namespace, "If omitted the
 * app-reserved namespace will be used").
 */
export function resolveNamespace(namespace: string | null | undefined, appGid: Gid | null): string {
  const appNs = appGid ? `app--${legacyId(appGid)}` : "app--0";
  if (namespace === null || namespace === undefined) return appNs;
  if (namespace === "$app") return appNs;
  if (namespace.startsWith("$app:")) return `${appNs}--${namespace.slice(5)}`;
  return namespace;
}

export function compareDigestOf(metafield: Metafield): string {
  return createHash("sha256")
    .update(`${metafield.id}|${metafield.updatedAt}|${metafield.value}`)
    .digest("hex");
}

const NAME_CHARS = /^[A-Za-z0-9_-]+$/;

function valueError(type: string, value: string): string | null {
  switch (type) {
    case "json":
      try {
        JSON.parse(value);
        return null;
      } catch {
        return "Value is invalid JSON";
      }
    case "single_line_text_field":
      return /[\r\n]/.test(value) ? "Value must be a single line of text" : null;
    case "boolean":
      return value === "true" || value === "false" ? null : "Value must be true or false";
    case "number_integer":
      return /^-?\d+$/.test(value) ? null : "Value must be an integer";
    case "number_decimal":
      return /^-?\d+(\.\d+)?$/.test(value) ? null : "Value must be a decimal";
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : "Value must be a date (YYYY-MM-DD)";
    case "date_time":
      return Number.isNaN(Date.parse(value)) ? "Value must be an ISO 8601 date and time" : null;
    case "url":
      return /^(https?|mailto|sms|tel):/.test(value) ? null : "Value must be a URL";
    default:
      return null;
  }
}

/**
 * Checks one metafield write the way metafieldsSet does (key 2-64 and namespace 3-255 characters
 * of alphanumerics, hyphen and underscore; type required without a definition; value within the
 * type's limits). `field` is the path prefix for userErrors, e.g. ["metafields", "0"].
 */
export function validateMetafieldWrite(
  shop: ShopRecord,
  input: MetafieldWrite,
  field: string[],
  options: { checkOwner?: boolean } = {},
): UserError[] {
  const errors: UserError[] = [];
  const err = (name: string, message: string, code: string) =>
    errors.push({ field: [...field, name], message, code });
  if (options.checkOwner !== false) {
    if (!ownerTypeOf(input.ownerId) || !ownerExists(shop, input.ownerId)) {
      err("ownerId", "Owner does not exist.", "INVALID");
    }
  }
  const ns = input.namespace;
  if (ns !== null && ns !== undefined && !ns.startsWith("$app")) {
    if (ns.length < 3)
      err("namespace", "Namespace is too short (minimum is 3 characters)", "TOO_SHORT");
    else if (ns.length > 255)
      err("namespace", "Namespace is too long (maximum is 255 characters)", "TOO_LONG");
    else if (!NAME_CHARS.test(ns)) {
      err("namespace", "Namespace contains one or more invalid characters.", "INVALID");
    }
  }
  if (input.key.length < 2) err("key", "Key is too short (minimum is 2 characters)", "TOO_SHORT");
  else if (input.key.length > 64)
    err("key", "Key is too long (maximum is 64 characters)", "TOO_LONG");
  else if (!NAME_CHARS.test(input.key))
    err("key", "Key contains one or more invalid characters.", "INVALID");
  if (!input.type) {
    err("type", "Type can't be blank", "BLANK");
    return errors;
  }
  const limit = TYPE_LIMITS[input.type];
  if (limit === undefined) {
    err(
      "type",
      `Type '${input.type}' is not a supported metafield type in this emulator.`,
      "INVALID_TYPE",
    );
    return errors;
  }
  if (input.value.length > limit) {
    err("value", `Value is too long (maximum is ${limit} characters)`, "LESS_THAN_OR_EQUAL_TO");
  } else {
    const message = valueError(input.type, input.value);
    if (message) err("value", message, "INVALID_VALUE");
  }
  return errors;
}

export function getMetafield(
  shop: ShopRecord,
  ownerId: Gid,
  namespace: string,
  key: string,
): Metafield | undefined {
  return shop.metafields.get(ownerId)?.get(`${namespace}.${key}`);
}

export function listMetafields(shop: ShopRecord, ownerId: Gid): Metafield[] {
  return [...(shop.metafields.get(ownerId)?.values() ?? [])];
}

/** Creates or replaces a metafield (already validated; namespace already resolved). */
export function setMetafield(
  state: EmulatorState,
  shop: ShopRecord,
  input: { ownerId: Gid; namespace: string; key: string; type: string; value: string },
): Metafield {
  let owned = shop.metafields.get(input.ownerId);
  if (!owned) {
    owned = new Map();
    shop.metafields.set(input.ownerId, owned);
  }
  const at = nowIso(state);
  const existing = owned.get(`${input.namespace}.${input.key}`);
  if (existing) {
    existing.value = input.value;
    existing.type = input.type;
    existing.updatedAt = at;
    return existing;
  }
  const metafield: Metafield = {
    id: nextGid(state.ids, "Metafield"),
    ownerId: input.ownerId,
    namespace: input.namespace,
    key: input.key,
    type: input.type,
    value: input.value,
    createdAt: at,
    updatedAt: at,
  };
  owned.set(`${input.namespace}.${input.key}`, metafield);
  return metafield;
}

export function deleteMetafields(shop: ShopRecord, ownerId: Gid): void {
  shop.metafields.delete(ownerId);
}
