// Webhook deliveries built exactly as Shopify sends them (shopify.dev/docs/apps/build/webhooks/
// delivery-structure): the raw body signed with HMAC-SHA256 under the app's secret, base64, in
// X-Shopify-Hmac-Sha256, with the topic, shop, API version, webhook and event ids beside it.
// The action runs through the real route module and the real library verification.
import type { ActionFunctionArgs } from "@remix-run/node";
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

export const API_KEY = "webhook-test-key";
export const API_SECRET = "webhook-test-secret";

/** Sets the app's configuration; call before importing anything that loads shopify.server. */
export function configureApp(): void {
  Object.assign(process.env, {
    SHOPIFY_API_KEY: API_KEY,
    SHOPIFY_API_SECRET: API_SECRET,
    SHOPIFY_APP_URL: "https://onecode.example",
    SCOPES: "write_discounts,read_orders,write_customers,read_products",
  });
}

const SAMPLES = new URL("../../test/fixtures/shopify-webhooks/", import.meta.url);

/** A sample body from ../../test/fixtures/shopify-webhooks/, as text (ids past 2^53 intact). */
export function sample(file: string): string {
  return readFileSync(new URL(file, SAMPLES), "utf8");
}

export interface DeliveryOptions {
  shop: string;
  eventId?: string;
  webhookId?: string;
  triggeredAt?: string;
  secret?: string;
}

export function signedRequest(topic: string, body: string, options: DeliveryOptions): Request {
  const hmac = createHmac("sha256", options.secret ?? API_SECRET)
    .update(body, "utf8")
    .digest("base64");
  return new Request(`https://onecode.example/webhooks/${routePath(topic)}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": hmac,
      "X-Shopify-Shop-Domain": options.shop,
      "X-Shopify-API-Version": "2026-04",
      "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
      "X-Shopify-Event-Id": options.eventId ?? randomUUID(),
      "X-Shopify-Triggered-At": options.triggeredAt ?? new Date().toISOString(),
    },
    body,
  });
}

export function routePath(topic: string): string {
  return ["customers/data_request", "customers/redact", "shop/redact"].includes(topic)
    ? "compliance"
    : topic;
}

type Action = (args: ActionFunctionArgs) => Promise<Response>;

const ROUTES: Record<string, () => Promise<{ action: Action }>> = {
  "orders/create": () => import("~/routes/webhooks.orders.create"),
  "orders/paid": () => import("~/routes/webhooks.orders.paid"),
  "orders/cancelled": () => import("~/routes/webhooks.orders.cancelled"),
  "refunds/create": () => import("~/routes/webhooks.refunds.create"),
  "app/uninstalled": () => import("~/routes/webhooks.app.uninstalled"),
  compliance: () => import("~/routes/webhooks.compliance"),
};

/** Runs the route's action; a Response the library throws (401, 400, 405) is returned as is. */
export async function deliver(topic: string, body: string, options: DeliveryOptions) {
  const route = await ROUTES[routePath(topic)]!();
  try {
    return await route.action({
      request: signedRequest(topic, body, options),
      params: {},
      context: {},
    });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
