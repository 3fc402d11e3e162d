// Every way verifyWebhook refuses a delivery, through the Shopify library's real check: the code,
// its sentence and the HTTP status Shopify gets.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { API_SECRET, configureApp, sample, signedRequest } from "./signed-delivery";

configureApp();
const { verifyWebhook } = await import("~/webhooks/verify.server");
type VerifyCode = import("~/webhooks/verify.server").VerifyCode;

const shop = "verify.myshopify.com";
const body = sample("orders-create.json");
const signed = () => signedRequest("orders/create", body, { shop });

function withHeaders(request: Request, change: (headers: Headers) => void): Request {
  const headers = new Headers(request.headers);
  change(headers);
  return new Request(request.url, { method: request.method, headers });
}

// As Shopify's events deliveries are signed: Shopify-* headers instead of X-Shopify-*.
function eventsRequest(): Request {
  const hmac = createHmac("sha256", API_SECRET).update(body, "utf8").digest("base64");
  return new Request("https://onecode.example/webhooks/orders/create", {
    method: "POST",
    headers: {
      "Shopify-Hmac-Sha256": hmac,
      "Shopify-Topic": "orders/create",
      "Shopify-Shop-Domain": shop,
      "Shopify-API-Version": "2026-04",
      "Shopify-Webhook-Id": "events-1",
    },
  });
}

const refusals: [VerifyCode, number, () => [Request, string | null]][] = [
  ["method_not_allowed", 405, () => [new Request("https://onecode.example/webhooks/x"), ""]],
  ["body_too_large", 413, () => [signed(), null]],
  ["missing_body", 400, () => [signed(), ""]],
  [
    "missing_signature",
    400,
    () => [withHeaders(signed(), (h) => h.delete("x-shopify-hmac-sha256")), body],
  ],
  ["forged_signature", 401, () => [signed(), body.replace("#", "!")]],
  [
    "missing_headers",
    400,
    () => [withHeaders(signed(), (h) => h.delete("x-shopify-webhook-id")), body],
  ],
  ["not_a_webhook", 400, () => [eventsRequest(), body]],
];

describe("verifyWebhook", () => {
  it("gives a signed delivery's identity and body", async () => {
    const verified = await verifyWebhook(signed(), body);
    expect(verified).toMatchObject({ ok: true, shop, topic: "ORDERS_CREATE", rawBody: body });
  });

  it.each(refusals)("refuses with %s (HTTP %i)", async (code, status, build) => {
    const [request, rawBody] = build();
    const verified = await verifyWebhook(request, rawBody);
    expect(verified).toMatchObject({ ok: false, code, status });
    if (verified.ok) return;
    expect(verified.message).toMatch(/^[A-Z].+\.$/);
  });

  it("covers every code", () => {
    const all: Record<VerifyCode, true> = {
      method_not_allowed: true,
      body_too_large: true,
      missing_body: true,
      missing_signature: true,
      forged_signature: true,
      missing_headers: true,
      not_a_webhook: true,
    };
    expect(refusals.map(([code]) => code).sort()).toEqual(Object.keys(all).sort());
  });
});
