// Cancelling and refunding an order after checkout reaches the app as Shopify's orders/cancelled
// and refunds/create, signed, with the sample payloads' fields and exact ids.
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_MOUNTS, startEmulator, type RunningEmulator } from "../server";
import { loadAppRegistration } from "../store/app-config";
import { installApp } from "../store/shops";
import { createEmulatorState } from "../store/state";
import type { AppRegistration } from "../store/types";
import { startFakeApp, type FakeApp, type Received } from "../webhooks/fake-app";
import { webhookHmac } from "../webhooks/sign";

const SHOP = "onecode-demo.myshopify.com";
const sampleKeys = (name: string) =>
  Object.keys(
    JSON.parse(
      readFileSync(
        new URL(`../../test/fixtures/shopify-webhooks/${name}.json`, import.meta.url),
        "utf8",
      ),
    ) as object,
  );

let app: FakeApp;
let emulator: RunningEmulator;
let registration: AppRegistration;

beforeEach(async () => {
  app = await startFakeApp();
  registration = loadAppRegistration({ env: { SHOPIFY_APP_URL: app.url } });
  const state = createEmulatorState({ apps: [registration], bigIds: true });
  emulator = await startEmulator({ port: 0, state, mounts: DEFAULT_MOUNTS });
  installApp(emulator.state, SHOP, registration.apiKey, registration.scopes);
});

afterEach(async () => {
  await emulator.close();
  await app.close();
});

async function placeOrder(extra: Record<string, unknown> = {}): Promise<string> {
  const shop = emulator.state.shops.get(SHOP)!;
  const variant = [...shop.products.values()].find((p) => p.title === "Classic Tee")!.variants[0]!;
  const response = await fetch(`${emulator.url}/store/${SHOP}/checkout`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ lines: [{ variantId: variant.id, quantity: 2 }], ...extra }),
  });
  expect(response.status).toBe(201);
  const { order } = (await response.json()) as { order: { id: string } };
  return order.id;
}

async function delivered(topic: string): Promise<Received> {
  await fetch(`${emulator.url}/__emulator/webhooks/idle`, { method: "POST" });
  const hook = app.received.find((r) => r.headers["x-shopify-topic"] === topic);
  if (!hook) throw new Error(`no ${topic} delivery among ${app.received.length}`);
  expect(hook.headers["x-shopify-hmac-sha256"]).toBe(
    webhookHmac(hook.rawBody, registration.apiSecret),
  );
  expect(hook.headers["x-shopify-shop-domain"]).toBe(SHOP);
  return hook;
}

const control = (orderId: string, action: string, body: unknown) =>
  fetch(`${emulator.url}/__emulator/shops/${SHOP}/orders/${orderId.split("/").pop()}/${action}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

describe("order changes after checkout", () => {
  it("sends orders/cancelled with the order, its cancel time and reason", async () => {
    const orderId = await placeOrder({ referringSite: "https://coupons.example/store" });
    const response = await control(orderId, "cancel", { reason: "fraud" });
    expect(response.status).toBe(200);
    const hook = await delivered("orders/cancelled");
    expect(hook.path).toBe("/webhooks/orders/cancelled");
    const body = JSON.parse(hook.rawBody) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(sampleKeys("orders-cancelled").sort());
    expect(body).toMatchObject({
      admin_graphql_api_id: orderId,
      cancel_reason: "fraud",
      referring_site: "https://coupons.example/store",
      landing_site: null,
    });
    expect(body.cancelled_at).toEqual(expect.any(String));
    // The REST id is written exactly, past 2^53.
    expect(hook.rawBody).toContain(`"id":${orderId.split("/").pop()}`);
    // A second cancel is refused and sends nothing more.
    expect((await control(orderId, "cancel", {})).status).toBe(400);
    await delivered("orders/cancelled");
    expect(
      app.received.filter((r) => r.headers["x-shopify-topic"] === "orders/cancelled"),
    ).toHaveLength(1);
  });

  it("sends refunds/create whose refund transaction is in the buyer's currency", async () => {
    const orderId = await placeOrder({
      presentmentCurrency: "EUR",
      presentmentCurrencyRate: "0.5",
    });
    const response = await control(orderId, "refund", { amountCents: 1000, note: "Damaged" });
    expect(response.status).toBe(200);
    const hook = await delivered("refunds/create");
    const body = JSON.parse(hook.rawBody) as {
      admin_graphql_api_id: string;
      note: string;
      refund_line_items: unknown[];
      transactions: { kind: string; status: string; amount: string; currency: string }[];
    };
    expect(Object.keys(body).sort()).toEqual(sampleKeys("refunds-create").sort());
    expect(body.admin_graphql_api_id).toMatch(/^gid:\/\/shopify\/Refund\/\d+$/);
    expect(hook.rawBody).toContain(`"order_id":${orderId.split("/").pop()}`);
    expect(body.note).toBe("Damaged");
    // 10.00 USD of the shop's money is 5.00 EUR at the checkout's rate; a partial refund by amount
    // lists no line items.
    expect(body.transactions).toMatchObject([
      { kind: "refund", status: "success", amount: "5.00", currency: "EUR" },
    ]);
    expect(body.refund_line_items).toEqual([]);
  });

  it("refuses a refund larger than what is left, and sends nothing", async () => {
    const orderId = await placeOrder();
    const response = await control(orderId, "refund", { amountCents: 10_000_000 });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/exceeds what is left/);
    await fetch(`${emulator.url}/__emulator/webhooks/idle`, { method: "POST" });
    expect(app.received.some((r) => r.headers["x-shopify-topic"] === "refunds/create")).toBe(false);
  });

  it("lets the merchant cancel and refund from the admin's order list", async () => {
    const orderId = await placeOrder();
    const number = orderId.split("/").pop();
    const page = await (await fetch(`${emulator.url}/store/${SHOP}/orders`)).text();
    expect(page).toContain(`/__admin/store/${SHOP}/orders/${number}/refund`);
    expect(page).toContain(`<a href="/store/${SHOP}/orders" class="active">Orders</a>`);
    const refund = await fetch(`${emulator.url}/__admin/store/${SHOP}/orders/${number}/refund`, {
      method: "POST",
      body: new URLSearchParams({ amount: "55.00" }),
      redirect: "manual",
    });
    expect(refund.status).toBe(303);
    const body = JSON.parse((await delivered("refunds/create")).rawBody) as {
      refund_line_items: unknown[];
      transactions: { amount: string }[];
    };
    // Two Classic Tees at 25.00 and 5.00 standard shipping: the whole order, so its line is listed.
    expect(body.transactions[0]!.amount).toBe("55.00");
    expect(body.refund_line_items).toHaveLength(1);
    const cancel = await fetch(`${emulator.url}/__admin/store/${SHOP}/orders/${number}/cancel`, {
      method: "POST",
      body: new URLSearchParams({ reason: "customer" }),
      redirect: "manual",
    });
    expect(cancel.status).toBe(303);
    expect(JSON.parse((await delivered("orders/cancelled")).rawBody)).toMatchObject({
      cancel_reason: "customer",
      financial_status: "refunded",
    });
  });
});
