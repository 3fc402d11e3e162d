// One webhook delivery, whatever transport carried it (decision 029).

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

/** The key a delivery is deduplicated on: its event id, with its shop and topic. */
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
