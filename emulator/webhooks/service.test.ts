import "@shopify/shopify-api/adapters/web-api";
import { readFileSync } from "node:fs";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadAppRegistration } from "../store/app-config";
import type { AppRegistration } from "../store/types";
import { startFakeApp, type FakeApp, type Received } from "./fake-app";
import { RawJson, RawNumber, restId } from "./json";
import { WebhookService } from "./service";

const SHOP = "onecode-demo.myshopify.com";
const SAMPLE = readFileSync(
  new URL("../../test/fixtures/shopify-webhooks/orders-create.json", import.meta.url),
  "utf8",
);

let app: FakeApp;
let registration: AppRegistration;
let service: WebhookService;

beforeEach(async () => {
  app = await startFakeApp();
  // The real shopify.app.toml, pointed at the fake app.
  registration = loadAppRegistration({ env: { SHOPIFY_APP_URL: app.url } });
  service = new WebhookService(
    { apps: () => [registration], installedApiKeys: () => [registration.apiKey] },
    { retryScale: 1e-5 },
  );
});

afterEach(async () => {
  service.close();
  await app.close();
});

const library = () =>
  shopifyApi({
    apiKey: registration.apiKey,
    apiSecretKey: registration.apiSecret,
    apiVersion: ApiVersion.April26,
    hostName: "localhost:3000",
    hostScheme: "http",
    isEmbeddedApp: true,
    logger: { level: 0 },
  });

async function validate(received: Received, secret = registration.apiSecret) {
  const shopify = shopifyApi({ ...library().config, apiSecretKey: secret });
  const headers = Object.entries(received.headers).map(
    ([k, v]) => [k, String(v)] as [string, string],
  );
  const rawRequest = new Request(`${app.url}${received.path}`, {
    method: "POST",
    headers,
    body: received.rawBody,
  });
  return shopify.webhooks.validate({ rawBody: received.rawBody, rawRequest });
}

describe("webhook delivery", () => {
  it("posts the exact signed bytes to the subscribed uri with Shopify's headers", async () => {
    const [webhook] = service.deliverWebhook(SHOP, "orders/create", new RawJson(SAMPLE));
    await service.idle();
    expect(app.received).toHaveLength(1);
    const got = app.received[0]!;
    expect(got.path).toBe("/webhooks/orders/create");
    // Byte-exact, integers past 2^53 included.
    expect(got.rawBody).toBe(SAMPLE);
    expect(got.rawBody).toContain("820982911946154508");
    expect(got.headers["x-shopify-topic"]).toBe("orders/create");
    expect(got.headers["x-shopify-shop-domain"]).toBe(SHOP);
    expect(got.headers["x-shopify-api-version"]).toBe("2026-04");
    expect(got.headers["x-shopify-webhook-id"]).toBe(webhook!.webhookId);
    expect(got.headers["x-shopify-event-id"]).toBe(webhook!.eventId);
    expect(got.headers["x-shopify-triggered-at"]).toBe(webhook!.triggeredAt);
    const check = await validate(got);
    expect(check).toMatchObject({
      valid: true,
      topic: "ORDERS_CREATE",
      domain: SHOP,
      eventId: webhook!.eventId,
    });
    expect(webhook!.state).toBe("delivered");
  });

  it("is detectably forged when the body or the secret is not Shopify's", async () => {
    service.deliverWebhook(SHOP, "orders/create", new RawJson(SAMPLE));
    await service.idle();
    const got = app.received[0]!;
    expect(
      await validate({
        ...got,
        rawBody: got.rawBody.replace("820982911946154508", "820982911946154509"),
      }),
    ).toEqual({
      valid: false,
      reason: "invalid_hmac",
    });
    expect(await validate(got, "some-other-secret")).toEqual({
      valid: false,
      reason: "invalid_hmac",
    });
  });

  it("serializes integers past 2^53 exactly from a built payload", async () => {
    service.deliverWebhook(SHOP, "orders/create", {
      id: restId("gid://shopify/Order/9007199254740993"),
      total: new RawNumber("10.50"),
      big: 12345678901234567890n,
    });
    await service.idle();
    expect(app.received[0]!.rawBody).toBe(
      '{"id":9007199254740993,"total":10.50,"big":12345678901234567890}',
    );
  });

  it("retries a failed delivery with the same body, webhook id and event id", async () => {
    app.answer = (_req, index) => ({ status: index < 2 ? 500 : 200 });
    const [webhook] = service.deliverWebhook(SHOP, "orders/paid", { id: 1 });
    await service.idle();
    expect(webhook!.attempts.map((a) => [a.attempt, a.status, a.ok])).toEqual([
      [0, 500, false],
      [1, 500, false],
      [2, 200, true],
    ]);
    const bodies = new Set(app.received.map((r) => r.rawBody));
    const events = new Set(app.received.map((r) => r.headers["x-shopify-event-id"]));
    const ids = new Set(app.received.map((r) => r.headers["x-shopify-webhook-id"]));
    const hmacs = new Set(app.received.map((r) => r.headers["x-shopify-hmac-sha256"]));
    expect([bodies.size, events.size, ids.size, hmacs.size]).toEqual([1, 1, 1, 1]);
    expect(webhook!.state).toBe("delivered");
  });

  it("counts an answer slower than the timeout as a failure and retries it", async () => {
    service.switches.timeoutMs = 100;
    app.answer = (_req, index) => ({ status: 200, delayMs: index === 0 ? 2000 : 0 });
    const [webhook] = service.deliverWebhook(SHOP, "orders/create", { id: 2 });
    await service.idle();
    expect(webhook!.attempts[0]).toMatchObject({
      ok: false,
      status: null,
      error: "timeout after 100 ms",
    });
    expect(webhook!.attempts[1]).toMatchObject({ ok: true, status: 200 });
  });

  it("gives up after Shopify's 8 retries and records every attempt", async () => {
    app.answer = () => ({ status: 503 });
    const [webhook] = service.deliverWebhook(SHOP, "refunds/create", { id: 3 });
    await service.idle();
    expect(webhook!.attempts).toHaveLength(9);
    expect(webhook!.state).toBe("failed");
    expect(service.log.filter((a) => a.webhookId === webhook!.webhookId)).toHaveLength(9);
    for (const attempt of webhook!.attempts) {
      expect(attempt.headers["X-Shopify-Topic"]).toBe("refunds/create");
      expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it("treats a redirect as a failure (Shopify does not follow it)", async () => {
    app.answer = (_req, index) => ({ status: index === 0 ? 302 : 200 });
    const [webhook] = service.deliverWebhook(SHOP, "orders/create", { id: 4 });
    await service.idle();
    expect(webhook!.attempts.map((a) => a.status)).toEqual([302, 200]);
  });
});

describe("delivery switches", () => {
  it("delivers an event twice: same event id and body, distinct webhook ids", async () => {
    const created = service.deliverWebhook(SHOP, "orders/create", { id: 5 }, { duplicate: true });
    await service.idle();
    expect(created).toHaveLength(2);
    expect(app.received).toHaveLength(2);
    const [a, b] = app.received;
    expect(a!.headers["x-shopify-event-id"]).toBe(b!.headers["x-shopify-event-id"]);
    expect(a!.headers["x-shopify-webhook-id"]).not.toBe(b!.headers["x-shopify-webhook-id"]);
    expect(a!.rawBody).toBe(b!.rawBody);
  });

  it("the global duplicate switch doubles every event", async () => {
    service.switches.duplicate = true;
    service.deliverWebhook(SHOP, "orders/create", { id: 6 });
    service.deliverWebhook(SHOP, "orders/paid", { id: 6 });
    await service.idle();
    expect(app.received).toHaveLength(4);
  });

  it("holds a batch and releases it newest first", async () => {
    service.switches.reorderBatch = 3;
    const first = service.deliverWebhook(SHOP, "orders/create", { id: 7 });
    const second = service.deliverWebhook(SHOP, "orders/paid", { id: 7 });
    expect([...first, ...second].map((w) => w.state)).toEqual(["held", "held"]);
    await service.idle();
    expect(app.received).toHaveLength(0);
    const third = service.deliverWebhook(SHOP, "orders/cancelled", { id: 7 });
    await service.idle();
    const started = [...service.log].sort((x, y) => x.seq - y.seq).map((a) => a.topic);
    expect(started).toEqual(["orders/cancelled", "orders/paid", "orders/create"]);
    expect(third[0]!.state).toBe("delivered");
  });

  it("flushes a partial batch on demand", async () => {
    service.switches.reorderBatch = 10;
    service.deliverWebhook(SHOP, "orders/create", { id: 8 });
    service.deliverWebhook(SHOP, "orders/paid", { id: 8 });
    service.flushHeld();
    await service.idle();
    expect([...service.log].sort((x, y) => x.seq - y.seq).map((a) => a.topic)).toEqual([
      "orders/paid",
      "orders/create",
    ]);
  });

  it("delivers late, keeping the event's own Triggered-At", async () => {
    const triggeredAt = new Date(Date.now() - 3_600_000);
    const calledAt = Date.now();
    const [webhook] = service.deliverWebhook(
      SHOP,
      "orders/create",
      { id: 9 },
      { delayMs: 50, triggeredAt },
    );
    await service.idle();
    const first = webhook!.attempts[0]!;
    expect(app.received[0]!.headers["x-shopify-triggered-at"]).toBe(triggeredAt.toISOString());
    // Timers never fire early: the first attempt began no sooner than the delay asked for.
    expect(Date.parse(first.startedAt)).toBeGreaterThanOrEqual(calledAt + 49);
  });
});

describe("subscriptions", () => {
  it("sends compliance topics to the compliance uri and skips topics nobody subscribed to", async () => {
    service.deliverWebhook(SHOP, "customers/redact", { shop_domain: SHOP });
    service.deliverWebhook(SHOP, "products/update", { id: 1 });
    await service.idle();
    expect(app.received.map((r) => r.path)).toEqual(["/webhooks/compliance"]);
  });

  it("reaches only apps installed on the shop unless one is named", async () => {
    const other = new WebhookService({ apps: () => [registration], installedApiKeys: () => [] });
    expect(other.deliverWebhook(SHOP, "orders/create", { id: 1 })).toEqual([]);
    expect(
      other.deliverWebhook(SHOP, "app/uninstalled", { id: 1 }, { apiKey: registration.apiKey }),
    ).toHaveLength(1);
    await other.idle();
    other.close();
  });
});
