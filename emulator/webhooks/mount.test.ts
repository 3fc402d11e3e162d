import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_MOUNTS, startEmulator, type RunningEmulator } from "../server";
import { loadAppRegistration } from "../store/app-config";
import { installApp, uninstallApp } from "../store/shops";
import { createEmulatorState } from "../store/state";
import { startFakeApp, type FakeApp } from "./fake-app";
import { webhookServiceOf } from "./registry";

const SHOP = "onecode-demo.myshopify.com";
const sample = (name: string) =>
  JSON.parse(
    readFileSync(
      new URL(`../../test/fixtures/shopify-webhooks/${name}.json`, import.meta.url),
      "utf8",
    ),
  ) as Record<string, unknown>;

let app: FakeApp;
let emulator: RunningEmulator;
let apiKey: string;

beforeEach(async () => {
  app = await startFakeApp();
  const registration = loadAppRegistration({ env: { SHOPIFY_APP_URL: app.url } });
  apiKey = registration.apiKey;
  // Ids past 2^53, so any rounding on the way to the wire would show.
  const state = createEmulatorState({ apps: [registration], bigIds: true });
  emulator = await startEmulator({ port: 0, state, mounts: DEFAULT_MOUNTS });
  webhookServiceOf(emulator.state).switches.retryScale = 1e-5;
  installApp(emulator.state, SHOP, apiKey, registration.scopes);
});

afterEach(async () => {
  await emulator.close();
  await app.close();
});

const control = (path: string, body?: unknown) =>
  fetch(`${emulator.url}/__emulator/webhooks/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("webhooks mounted in the emulator", () => {
  it("fires app/uninstalled with the Shop resource when the store uninstalls the app", async () => {
    uninstallApp(emulator.state, SHOP, apiKey);
    expect((await control("idle")).status).toBe(204);
    const [hook] = app.received;
    expect(hook!.path).toBe("/webhooks/app/uninstalled");
    const body = JSON.parse(hook!.rawBody) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(Object.keys(sample("app-uninstalled")));
    const shopGid = emulator.state.shops.get(SHOP)!.id;
    expect(hook!.rawBody).toContain(`"id":${shopGid.split("/").pop()}`);
    expect(body).toMatchObject({ myshopify_domain: SHOP, domain: SHOP, currency: "USD" });
  });

  it("fires compliance topics with Shopify's payload shapes and exact ids", async () => {
    const shop = emulator.state.shops.get(SHOP)!;
    const ada = [...shop.customers.values()].find((c) => c.email === "ada@example.com")!;
    for (const topic of ["customers/data_request", "customers/redact", "shop/redact"]) {
      const answer = await control("compliance", { shop: SHOP, topic, customerId: ada.id });
      expect(answer.status).toBe(200);
    }
    await control("idle");
    expect(app.received.map((r) => [r.path, r.headers["x-shopify-topic"]])).toEqual([
      ["/webhooks/compliance", "customers/data_request"],
      ["/webhooks/compliance", "customers/redact"],
      ["/webhooks/compliance", "shop/redact"],
    ]);
    const [request, redact, shopRedact] = app.received.map(
      (r) => JSON.parse(r.rawBody) as Record<string, unknown>,
    );
    expect(Object.keys(request!)).toEqual(Object.keys(sample("customers-data-request")));
    expect(Object.keys(redact!)).toEqual(Object.keys(sample("customers-redact")));
    expect(Object.keys(shopRedact!)).toEqual(Object.keys(sample("shop-redact")));
    expect(app.received[0]!.rawBody).toContain(`"id":${ada.id.split("/").pop()}`);
    expect(request).toMatchObject({ shop_domain: SHOP, customer: { email: "ada@example.com" } });
    expect((await control("compliance", { shop: SHOP, topic: "customers/redact" })).status).toBe(
      400,
    );
  });

  it("takes switches over HTTP and shows every delivery in the inspection log", async () => {
    expect((await control("switches", { nope: true })).status).toBe(400);
    expect((await control("switches", { duplicate: "yes" })).status).toBe(400);
    expect(await (await control("switches", { duplicate: true })).json()).toMatchObject({
      duplicate: true,
    });
    const sent = await control("deliver", {
      shop: SHOP,
      topic: "orders/create",
      body: '{"id":820982911946154508}',
    });
    expect((await sent.json()).webhooks).toHaveLength(2);
    await control("idle");
    expect(app.received.map((r) => r.rawBody)).toEqual([
      '{"id":820982911946154508}',
      '{"id":820982911946154508}',
    ]);
    const log = (await (await fetch(`${emulator.url}/__emulator/webhooks`)).json()) as {
      webhooks: { state: string; attempts: unknown[] }[];
    };
    expect(log.webhooks.map((w) => [w.state, w.attempts.length])).toEqual([
      ["delivered", 1],
      ["delivered", 1],
    ]);
  });
});
