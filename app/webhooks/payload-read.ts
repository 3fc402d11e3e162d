// Small readers over a parsed webhook body (unknown JSON): each returns the value or null, so a
// field Shopify leaves out or nulls never throws deep inside attribution.

export type Json = Record<string, unknown>;

export function obj(value: unknown): Json | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** `x_set.shop_money.amount`: the amount in the shop's currency, whatever the buyer paid in. */
export function shopMoney(set: unknown): unknown {
  return obj(obj(set)?.shop_money)?.amount;
}

export function presentmentMoney(set: unknown): unknown {
  return obj(obj(set)?.presentment_money)?.amount;
}
