import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MOUNTS, startEmulator, type RunningEmulator } from "../server";
import { loadAppRegistration } from "../store/app-config";
import { authenticateAccessToken } from "../store/shops";
import { createEmulatorState } from "../store/state";

const SHOP = "onecode-demo.myshopify.com";
const registration = loadAppRegistration({ env: {} });
const state = createEmulatorState({ apps: [registration] });
const callback = registration.redirectUrls[0]!;
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, state, mounts: DEFAULT_MOUNTS });
});
afterAll(() => emulator.close());

function authorizeUrl(params: Record<string, string>): string {
  const query = new URLSearchParams({
    client_id: registration.apiKey,
    scope: "read_products",
    redirect_uri: callback,
    state: "nonce-123",
    ...params,
  });
  return `${emulator.url}/store/${SHOP}/admin/oauth/authorize?${query}`;
}

async function approve(params: Record<string, string> = {}): Promise<URL> {
  const url = new URL(authorizeUrl(params));
  const response = await fetch(url, { method: "POST", body: url.searchParams, redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

async function redeem(code: string, secret = registration.apiSecret) {
  const response = await fetch(`${emulator.url}/store/${SHOP}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    // The body @shopify/shopify-api's callback sends.
    body: JSON.stringify({
      client_id: registration.apiKey,
      client_secret: secret,
      code,
      expiring: "0",
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("authorization code grant", () => {
  it("shows the grant screen only for an allowed redirect_uri", async () => {
    expect((await fetch(authorizeUrl({}))).status).toBe(200);
    const refused = await fetch(authorizeUrl({ redirect_uri: "https://evil.example/callback" }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("The redirect_uri is not whitelisted");
    expect((await fetch(authorizeUrl({ client_id: "unknown" }))).status).toBe(400);
  });

  it("redirects back with a query whose hmac the real library accepts", async () => {
    const back = await approve();
    expect(`${back.origin}${back.pathname}`).toBe(callback);
    expect(back.searchParams.get("state")).toBe("nonce-123");
    expect(back.searchParams.get("shop")).toBe(SHOP);
    const shopify = shopifyApi({
      apiKey: registration.apiKey,
      apiSecretKey: registration.apiSecret,
      apiVersion: ApiVersion.April26,
      hostName: "localhost:3000",
      isEmbeddedApp: true,
      logger: { level: 0 },
    });
    const query = Object.fromEntries(back.searchParams);
    expect(await shopify.utils.validateHmac(query)).toBe(true);
    expect(await shopify.utils.validateHmac({ ...query, shop: "other.myshopify.com" })).toBe(false);
    expect(shopify.utils.sanitizeHost(query.host!)).toBe(query.host);
  });

  it("trades a code once for an offline token with the granted scopes", async () => {
    const code = (await approve()).searchParams.get("code")!;
    const first = await redeem(code);
    expect(first).toMatchObject({ status: 200, body: { scope: "read_products" } });
    expect(authenticateAccessToken(state, SHOP, String(first.body.access_token))).not.toBeNull();
    expect(await redeem(code)).toMatchObject({
      status: 400,
      body: {
        error: "invalid_request",
        error_description: "The authorization code was not found or was already used",
      },
    });
  });

  it("needs the client secret", async () => {
    const code = (await approve()).searchParams.get("code")!;
    expect(await redeem(code, "wrong")).toMatchObject({
      status: 401,
      body: { error: "invalid_client" },
    });
  });

  it("answers an online token when per-user access was asked for", async () => {
    const code = (await approve({ "grant_options[]": "per-user" })).searchParams.get("code")!;
    const { body } = await redeem(code);
    expect(body).toMatchObject({ expires_in: 86399, associated_user: { account_owner: true } });
    expect(String(body.access_token)).toMatch(/^shpua_/);
  });
});
