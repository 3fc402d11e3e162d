// One webhook delivery, whatever carried it: the HTTP route (webhooks.*.tsx), or another
// transport such as Pub/Sub or EventBridge (decision 029). Handlers take this and nothing
// from the transport.

export interface WebhookDelivery {
  shop: string;
  /** Shopify's topic as in X-Shopify-Topic: "orders/create", "customers/redact", ... */
  topic: string;
  /** X-Shopify-Event-Id: the same on every delivery of one event. */
  eventId: string;
  /** X-Shopify-Webhook-Id: one per delivery attempt's webhook. */
  webhookId: string | null;
  triggeredAt: Date | null;
  /** The body exactly as received (parsed here without losing big ids). */
  rawBody: string;
}

/**
 * The key a delivery is deduplicated on. Shopify: "the same value across more than one webhook
 * indicates a duplicate" (shopify.dev/docs/apps/build/webhooks/ignore-duplicates). The topic and
 * shop are part of the key so that one event which fires two topics (or an id reused by another
 * shop) is never mistaken for a repeat.
 */
export function dedupeKey(delivery: Pick<WebhookDelivery, "shop" | "topic" | "eventId">): string {
  return `${delivery.shop}|${delivery.topic}|${delivery.eventId}`;
}

/** The library's stored topic ("ORDERS_CREATE") back in Shopify's form ("orders/create"). */
export function topicFromStorage(topic: string): string {
  if (topic.includes("/")) return topic;
  const lower = topic.toLowerCase();
  const cut = lower.indexOf("_");
  return cut < 0 ? lower : `${lower.slice(0, cut)}/${lower.slice(cut + 1)}`;
}
