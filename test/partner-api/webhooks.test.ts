// Partner webhooks end to end: a partner claims a code through the API, Shopify's signed order
// webhooks (create, cancel, refund) go through the real routes, and the outbox POSTs each fact
// once, signed, to the partner's receiver; failed attempts are retried from the database, even
// across a worker killed mid-retry, and every attempt is in the delivery log.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { configureApp, deliver } from "../webhooks/signed-delivery";
import { refundBody, withCodes } from "../webhooks/order-bodies";
import { startApiServer } from "./api-server";
import { startReceiver } from "./receiver";
import { newShop, seedPartner, seedShop } from "./seed";

configureApp();
process.env.ONECODE_ALLOW_HTTP_PARTNER_WEBHOOKS = "1";
const { default: db } = await import("~/db.server");
const { settled } = await import("~/attribution/after-commit.server");
const { partnerSweepsSettled } = await import("~/partner-api/partner-events.server");
const { deliverDueEvents } = await import("~/partner-api/outbox.server");
const { savePartnerWebhook, deliveryLog } = await import("~/partner-api/partner-webhooks.server");
const { verifySignature } = await import("~/partner-api/webhook-signature");
const { checkEndpoint } = await import("~/partner-api/webhook-endpoint");
const { erasuresSettled } = await import("~/compliance/erasure.server");
const api = await startApiServer();
afterAll(() => new Promise<void>((resolve) => api.server.close(() => resolve())));

async function claimOne(token: string, campaign: string): Promise<string> {
  const response = await fetch(`${api.url}/api/v1/claims`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ campaign }),
  });
  return ((await response.json()) as { codes: string[] }).codes[0]!;
}

async function webhooksSettled() {
  await settled();
  await partnerSweepsSettled();
}

async function setUp(answer?: (n: number) => number) {
  const { shop, campaignId } = await seedShop(newShop("hook"), 5);
  const partner = await seedPartner(shop);
  const receiver = await startReceiver(answer);
  const saved = await savePartnerWebhook(shop, partner.partnerId, receiver.url);
  if (!saved.ok) throw new Error(saved.message);
  const code = await claimOne(partner.token, campaignId);
  return { shop, partner, receiver, secret: saved.secret, code };
}

describe("partner webhooks", () => {
  it("POSTs the partner's redemption, cancellation and refund once each, signed over timestamp and body", async () => {
    const { shop, partner, receiver, secret, code } = await setUp();
    const order = withCodes([code]);
    expect((await deliver("orders/create", order, { shop })).status).toBe(200);
    // Shopify delivers the same event again: no second partner event.
    expect((await deliver("orders/create", order, { shop })).status).toBe(200);
    await webhooksSettled();
    const cancelled = JSON.stringify({
      ...JSON.parse(order),
      financial_status: "voided",
      cancelled_at: "2026-05-02T10:00:00-05:00",
      cancel_reason: "customer",
    });
    expect((await deliver("orders/cancelled", cancelled, { shop })).status).toBe(200);
    await webhooksSettled();
    expect((await deliver("refunds/create", refundBody(), { shop })).status).toBe(200);
    // The refund has no after-commit hook: the outbox's periodic sweep finds it.
    const { enqueuePartnerEvents } = await import("~/partner-api/partner-events.server");
    await enqueuePartnerEvents(null, new Date(Date.now() - 60_000));
    while ((await deliverDueEvents()) > 0);

    const topics = receiver.received.map((r) => JSON.parse(r.body).topic);
    expect(topics.sort()).toEqual(
      ["redemption.cancelled", "redemption.created", "redemption.refunded"].sort(),
    );
    for (const delivery of receiver.received) {
      const body = JSON.parse(delivery.body);
      expect(body.redemption.code).toBe(code);
      expect(delivery.body).not.toContain("bob.norman");
      expect(delivery.headers["onecode-event-id"]).toBe(body.id);
      const headers = {
        timestamp: delivery.headers["onecode-timestamp"] as string,
        signature: delivery.headers["onecode-signature"] as string,
      };
      expect(verifySignature(secret, headers, delivery.body)).toBe(true);
      // Tampered, replayed later, or signed with another secret: refused by the receiver.
      expect(verifySignature(secret, headers, delivery.body.replace(code, "OTHER"))).toBe(false);
      expect(verifySignature(secret, headers, delivery.body, Date.now() + 600_000)).toBe(false);
      expect(verifySignature("whsec_other", headers, delivery.body)).toBe(false);
    }
    // Nothing left to send, however often the sweep runs again.
    const { enqueuePartnerEvents: sweep } = await import("~/partner-api/partner-events.server");
    expect(await sweep(null, new Date(0))).toBe(0);
    expect(await deliverDueEvents()).toBe(0);
    const log = await deliveryLog(shop, partner.partnerId);
    expect(log).toHaveLength(3);
    expect(log.every((l) => l.statusCode === 200 && l.event.state === "delivered")).toBe(true);
    await receiver.close();
  });

  it("keeps retrying from the database after the worker is killed mid-retry, sending the same event", async () => {
    // Two failures, then the partner's endpoint recovers.
    const { shop, partner, receiver, code } = await setUp((n) => (n < 2 ? 503 : 200));
    expect((await deliver("orders/create", withCodes([code]), { shop })).status).toBe(200);
    await webhooksSettled();
    expect(await db.partnerEvent.count({ where: { shop } })).toBe(1);

    const env = {
      ...process.env,
      ONECODE_PARTNER_WEBHOOK_RETRY_MS: "300",
      ONECODE_PARTNER_WEBHOOK_POLL_MS: "100",
      ONECODE_PARTNER_WEBHOOK_LEASE_MS: "1000",
    };
    let worker = startWorker(env);
    await waitFor(() => receiver.received.length >= 2);
    worker.kill("SIGKILL");
    await new Promise((resolve) => worker.once("exit", resolve));
    // Killed as the second attempt was answered: that attempt may not have been recorded, and
    // its lease must run out before another worker may try again.
    const pending = await db.partnerEvent.findFirstOrThrow({ where: { shop } });
    expect(pending.state).toBe("pending");
    expect([1, 2]).toContain(pending.attempts);
    const sentBeforeRestart = receiver.received.length;

    worker = startWorker(env);
    await waitFor(
      async () =>
        (await db.partnerEvent.findFirstOrThrow({ where: { shop } })).state === "delivered",
    );
    worker.kill("SIGKILL");

    expect(receiver.received.length).toBe(sentBeforeRestart + 1);
    const ids = new Set(receiver.received.map((r) => r.headers["onecode-event-id"]));
    expect(ids.size).toBe(1);
    expect(receiver.received.filter((r) => r.answered === 200)).toHaveLength(1);
    const log = await deliveryLog(shop, partner.partnerId);
    const statuses = log.map((l) => l.statusCode).reverse();
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.slice(0, -1).every((s) => s === 503)).toBe(true);
    expect(statuses.length).toBeGreaterThanOrEqual(2);
    await receiver.close();
  });

  it("leaves nothing of the partner API behind after shop/redact", async () => {
    const { shop, partner, receiver, code } = await setUp();
    expect((await deliver("orders/create", withCodes([code]), { shop })).status).toBe(200);
    await webhooksSettled();
    while ((await deliverDueEvents()) > 0);
    expect(await db.partnerDelivery.count({ where: { event: { shop } } })).toBe(1);
    const body = JSON.stringify({ shop_id: 1, shop_domain: shop });
    expect((await deliver("shop/redact", body, { shop })).status).toBe(200);
    await erasuresSettled();
    for (const model of ["apiKey", "apiClaim", "partnerWebhook", "partnerEvent"] as const) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one count per model
      expect(await (db[model] as any).count({ where: { shop } }), model).toBe(0);
    }
    expect(
      await db.partnerDelivery.count({ where: { event: { partnerId: partner.partnerId } } }),
    ).toBe(0);
    await receiver.close();
  });

  it("accepts only HTTPS endpoints unless local HTTP is allowed for tests and the demo", () => {
    expect(checkEndpoint("https://partner.example/hooks", false).ok).toBe(true);
    expect(checkEndpoint("http://partner.example/hooks", false).ok).toBe(false);
    expect(checkEndpoint("http://127.0.0.1:9/hooks", false).ok).toBe(false);
    expect(checkEndpoint("http://127.0.0.1:9/hooks", true).ok).toBe(true);
    expect(checkEndpoint("http://partner.example/hooks", true).ok).toBe(false);
  });
});

function startWorker(env: NodeJS.ProcessEnv): ChildProcess {
  const root = path.resolve(import.meta.dirname, "../..");
  return spawn(process.execPath, ["--import", "tsx", "test/partner-api/outbox-process.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function waitFor(condition: () => boolean | Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("Timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
