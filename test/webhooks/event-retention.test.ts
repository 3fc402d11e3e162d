// WebhookEvent holds one row per delivery for deduplication (a repeat of an event id does
// nothing). Shopify repeats an event for at most 4 hours (8 retries), so rows are dropped once a
// repeat can no longer come; a delivery older than what is kept is acknowledged and not acted on.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { configureApp, deliver, sample } from "./signed-delivery";
import { newShop, seedCampaign } from "./seed";

configureApp();
const { default: db } = await import("~/db.server");
const { pruneWebhookEvents } = await import("~/webhooks/retention.server");

const HOUR = 3_600_000;

function dataRequest(shop: string) {
  const body = JSON.parse(sample("customers-data-request.json")) as Record<string, unknown>;
  return JSON.stringify({ ...body, shop_domain: shop, orders_requested: [] });
}

describe("webhook event records", () => {
  it("are pruned past Shopify's retry window, and a repeat older than that does nothing", async () => {
    const { shop } = await seedCampaign(newShop("retention"));
    const old = { shop, eventId: randomUUID(), triggeredAt: new Date().toISOString() };
    expect((await deliver("customers/data_request", dataRequest(shop), old)).status).toBe(200);
    // A day and a half passes.
    const then = new Date(Date.now() - 36 * HOUR);
    await db.webhookEvent.updateMany({
      where: { shop },
      data: { receivedAt: then, triggeredAt: then },
    });
    const fresh = { shop, eventId: randomUUID() };
    expect((await deliver("customers/data_request", dataRequest(shop), fresh)).status).toBe(200);

    expect(await pruneWebhookEvents()).toBeGreaterThanOrEqual(1);
    const left = await db.webhookEvent.findMany({ where: { shop } });
    expect(left.map((e) => e.eventId)).toEqual([`${shop}|customers/data_request|${fresh.eventId}`]);

    // The old event again, as sent then: its record is gone, and it still must not act twice.
    const repeat = { ...old, triggeredAt: then.toISOString() };
    expect((await deliver("customers/data_request", dataRequest(shop), repeat)).status).toBe(200);
    const requests = await db.auditLog.count({
      where: { shop, action: "customer_data_request" },
    });
    expect(requests).toBe(2);
  });
});
