import "@shopify/shopify-api/adapters/web-api";
import {
  ApiVersion,
  HttpResponseError,
  RequestedTokenType,
  shopifyApi,
  type Shopify,
} from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MOUNTS, startEmulator, type RunningEmulator } from "../server";
import { loadAppRegistration } from "../store/app-config";
import type { EmulatorState } from "../store/context";
import { authenticateAccessToken, uninstallApp } from "../store/shops";
import { createEmulatorState } from "../store/state";
import { authStateOf } from "./auth-state";
import { mintSessionToken } from "./session-token";

const SHOP = "onecode-demo.myshopify.com";
// Nothing listens on port 9: the app/uninstalled webhook of the last test goes nowhere.
const registration = loadAppRegistration({ env: { SHOPIFY_APP_URL: "http://127.0.0.1:9" } });

let emulator: RunningEmulator;
let state: EmulatorState;
let shopify: Shopify;

beforeAll(async () => {
  state = createEmulatorState({ apps: [registration] });
  emulator = await startEmulator({ port: 0, state, mounts: DEFAULT_MOUNTS });
  // The app's own trick: every https://<shop>/<path> goes to <emulator>/store/<shop>/<path>.
  setAbstractFetchFunc((input, init) => {
    const url = new URL(String(input));
    return fetch(`${emulator.url}/store/${url.host}${url.pathname}${url.search}`, init);
  });
  shopify = shopifyApi({
    apiKey: registration.apiKey,
    apiSecretKey: registration.apiSecret,
    apiVersion: ApiVersion.April26,
    hostName: "localhost:3000",
    isEmbeddedApp: true,
    scopes: registration.scopes,
    logger: { level: 0 },
  });
});

afterAll(() => emulator.close());

function sessionToken(overrides: { shop?: string; now?: number; secret?: string } = {}) {
  const login = authStateOf(state).staff.loginFor(SHOP);
  return mintSessionToken({
    shop: overrides.shop ?? SHOP,
    apiKey: registration.apiKey,
    apiSecret: overrides.secret ?? registration.apiSecret,
    userId: login.user.id,
    sessionId: login.sessionId,
    now: overrides.now,
  });
}

async function post(body: Record<string, string>) {
  const response = await fetch(`${emulator.url}/store/${SHOP}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const exchange = (
  sessionTokenValue: string,
  requestedTokenType: RequestedTokenType,
  expiring = false,
) =>
  shopify.auth.tokenExchange({
    shop: SHOP,
    sessionToken: sessionTokenValue,
    requestedTokenType,
    expiring,
  });

describe("token exchange through @shopify/shopify-api", () => {
  it("installs the app and answers an offline token that the Admin API accepts", async () => {
    expect(state.shops.get(SHOP)!.installations.has(registration.apiKey)).toBe(false);
    const { session } = await exchange(await sessionToken(), RequestedTokenType.OfflineAccessToken);
    expect(session).toMatchObject({
      shop: SHOP,
      isOnline: false,
      id: `offline_${SHOP}`,
      scope: registration.scopes.join(","),
    });
    expect(session.accessToken).toMatch(/^shpat_/);
    expect(session.expires).toBeUndefined();
    expect(authenticateAccessToken(state, SHOP, session.accessToken!)).not.toBeNull();
    // Asking again gives the same non-expiring token.
    const again = await exchange(await sessionToken(), RequestedTokenType.OfflineAccessToken);
    expect(again.session.accessToken).toBe(session.accessToken);
  });

  it("answers an online token for the logged-in merchant", async () => {
    const { session } = await exchange(await sessionToken(), RequestedTokenType.OnlineAccessToken);
    const user = authStateOf(state).staff.loginFor(SHOP).user;
    expect(session.isOnline).toBe(true);
    expect(session.accessToken).toMatch(/^shpua_/);
    expect(session.id).toBe(`${SHOP}_${user.id}`);
    expect(session.onlineAccessInfo?.associated_user).toMatchObject({
      id: Number(user.id),
      account_owner: true,
    });
    expect(session.expires!.getTime()).toBeGreaterThan(Date.now() + 86_000_000);
  });

  it("answers an expiring offline token whose refresh token works once", async () => {
    const { session } = await exchange(
      await sessionToken(),
      RequestedTokenType.OfflineAccessToken,
      true,
    );
    expect(session.expires!.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
    expect(session.expires!.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(session.refreshToken).toBeTruthy();
    const refreshed = await shopify.auth.refreshToken({
      shop: SHOP,
      refreshToken: session.refreshToken!,
    });
    expect(refreshed.session.accessToken).not.toBe(session.accessToken);
    expect(refreshed.session.refreshToken).not.toBe(session.refreshToken);
    const replay = await shopify.auth
      .refreshToken({ shop: SHOP, refreshToken: session.refreshToken! })
      .catch((e: unknown) => e);
    expect(replay).toBeInstanceOf(HttpResponseError);
    expect((replay as HttpResponseError).response).toMatchObject({
      code: 400,
      body: { error: "invalid_grant" },
    });
  });

  it("rejects a session token for another shop with Shopify's invalid_subject_token", async () => {
    const error = await exchange(
      await sessionToken({ shop: "other.myshopify.com" }),
      RequestedTokenType.OfflineAccessToken,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpResponseError);
    expect((error as HttpResponseError).response).toMatchObject({
      code: 400,
      body: {
        error: "invalid_subject_token",
        error_description: "Token exchange cannot be performed due to an invalid subject token.",
      },
    });
  });

  it("rejects an expired session token that the library's 10 s leeway would still accept", async () => {
    const stale = await sessionToken({ now: Math.floor(Date.now() / 1000) - 65 });
    await expect(shopify.session.decodeSessionToken(stale)).resolves.toBeTruthy();
    const error = await exchange(stale, RequestedTokenType.OfflineAccessToken).catch(
      (e: unknown) => e,
    );
    expect((error as HttpResponseError).response.body).toMatchObject({
      error: "invalid_subject_token",
    });
  });

  it("rejects bad client credentials and malformed requests", async () => {
    const token = await sessionToken();
    const base = {
      client_id: registration.apiKey,
      client_secret: registration.apiSecret,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: token,
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
    };
    expect(await post({ ...base, client_secret: "wrong" })).toMatchObject({
      status: 401,
      body: { error: "invalid_client" },
    });
    expect(await post({ ...base, client_id: "nobody" })).toMatchObject({
      status: 400,
      body: {
        error: "invalid_request",
        error_description: "Could not find Shopify API application with api_key",
      },
    });
    expect(await post({ ...base, requested_token_type: "access_token" })).toMatchObject({
      status: 400,
      body: { error: "invalid_request" },
    });
    expect(await post({ ...base, grant_type: "password" })).toMatchObject({
      status: 400,
      body: { error: "unsupported_grant_type" },
    });
    expect(
      await post({ ...base, subject_token: await sessionToken({ secret: "forged" }) }),
    ).toMatchObject({
      status: 400,
      body: { error: "invalid_subject_token" },
    });
  });

  it("migrates a non-expiring offline token to an expiring one and revokes the old", async () => {
    const { session: old } = await exchange(
      await sessionToken(),
      RequestedTokenType.OfflineAccessToken,
    );
    const { session } = await shopify.auth.migrateToExpiringToken({
      shop: SHOP,
      nonExpiringOfflineAccessToken: old.accessToken!,
    });
    expect(session.refreshToken).toBeTruthy();
    expect(authenticateAccessToken(state, SHOP, old.accessToken!)).toBeNull();
    expect(authenticateAccessToken(state, SHOP, session.accessToken!)).not.toBeNull();
  });

  it("uninstalling revokes access and refresh tokens", async () => {
    const { session } = await exchange(
      await sessionToken(),
      RequestedTokenType.OfflineAccessToken,
      true,
    );
    uninstallApp(state, SHOP, registration.apiKey);
    expect(authenticateAccessToken(state, SHOP, session.accessToken!)).toBeNull();
    const error = await shopify.auth
      .refreshToken({ shop: SHOP, refreshToken: session.refreshToken! })
      .catch((e: unknown) => e);
    expect((error as HttpResponseError).response.body).toMatchObject({ error: "invalid_grant" });
  });

  it("answers 404 for a shop that does not exist", async () => {
    const response = await fetch(
      `${emulator.url}/store/nowhere.myshopify.com/admin/oauth/access_token`,
      {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      },
    );
    expect(response.status).toBe(404);
  });
});
