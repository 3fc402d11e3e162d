import type { ShopRecord } from "../store/types";
import { restId, type JsonValue } from "./json";

// Bodies of Shopify's mandatory compliance topics, shaped like the samples in
// test/fixtures/shopify-webhooks/ (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance):
// customers/data_request and customers/redact name a customer and their orders; shop/redact,
// sent 48 hours after uninstall on Shopify, names only the shop.

export type ComplianceTopic = "customers/data_request" | "customers/redact" | "shop/redact";

let nextDataRequestId = 1n;

function ordersOf(shop: ShopRecord, customerId: string): JsonValue[] {
  return [...shop.orders.values()]
    .filter((o) => o.customerId === customerId)
    .map((o) => restId(o.id));
}

export function compliancePayload(
  shop: ShopRecord,
  topic: ComplianceTopic,
  customerId?: string,
): JsonValue {
  const base = { shop_id: restId(shop.id), shop_domain: shop.domain };
  if (topic === "shop/redact") return base;
  const customer = customerId ? shop.customers.get(customerId) : undefined;
  if (!customer)
    throw new Error(`${topic} needs a customer of ${shop.domain}; got ${customerId ?? "none"}`);
  const who = { id: restId(customer.id), email: customer.email, phone: null };
  if (topic === "customers/redact") {
    return { ...base, customer: who, orders_to_redact: ordersOf(shop, customer.id) };
  }
  return {
    ...base,
    customer: who,
    orders_requested: ordersOf(shop, customer.id),
    data_request: { id: nextDataRequestId++ },
  };
}
