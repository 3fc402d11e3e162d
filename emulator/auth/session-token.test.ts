import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { checkSessionToken, mintSessionToken } from "./session-token";

const app = { apiKey: "onecode-demo-api-key", apiSecret: "onecode-demo-api-secret" };
const shop = "onecode-demo.myshopify.com";

function library(apiSecretKey = app.apiSecret) {
  return shopifyApi({
    apiKey: app.apiKey,
    apiSecretKey,
    apiVersion: ApiVersion.April26,
    hostName: "localhost:3000",
    isEmbeddedApp: true,
    logger: { level: 0 },
  });
}

const mint = (now?: number) =>
  mintSessionToken({ shop, ...app, userId: "123456789", sessionId: "a".repeat(64), now });

describe("session tokens", () => {
  it("decode with the real Shopify library, with Shopify's claims and a one-minute life", async () => {
    const payload = await library().session.decodeSessionToken(await mint());
    expect(payload).toMatchObject({
      iss: `https://${shop}/admin`,
      dest: `https://${shop}`,
      aud: app.apiKey,
      sub: "123456789",
      sid: "a".repeat(64),
    });
    expect(payload.exp - payload.iat).toBe(60);
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("are rejected by the library when signed with another secret", async () => {
    await expect(
      library("not-the-secret").session.decodeSessionToken(await mint()),
    ).rejects.toThrow(/signature verification failed/);
  });

  it("carry a fresh jti each time", async () => {
    const [a, b] = await Promise.all([mint(), mint()]);
    const decode = library().session.decodeSessionToken;
    expect((await decode(a)).jti).not.toBe((await decode(b)).jti);
  });

  it("are checked by Shopify without clock tolerance", async () => {
    const issued = Math.floor(Date.now() / 1000);
    const token = await mint(issued);
    expect(await checkSessionToken(token, app, issued + 59)).toMatchObject({ ok: true, shop });
    expect(await checkSessionToken(token, app, issued + 61)).toMatchObject({ ok: false });
    expect(await checkSessionToken(token, app, issued - 1)).toMatchObject({ ok: false });
    expect(await checkSessionToken(token, { ...app, apiKey: "other" }, issued)).toMatchObject({
      ok: false,
    });
    const [h, p, s] = token.split(".");
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, "base64url").toString()), dest: "https://evil.myshopify.com" })).toString("base64url")}.${s}`;
    expect(await checkSessionToken(forged, app, issued)).toMatchObject({ ok: false });
  });
});
