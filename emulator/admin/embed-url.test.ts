import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { loadAppRegistration } from "../store/app-config";
import { createEmulatorState } from "../store/state";
import { embeddedAppUrl } from "./embed-url";

const SHOP = "onecode-demo.myshopify.com";
const registration = loadAppRegistration({ env: { SHOPIFY_APP_URL: "http://localhost:3000" } });
const shopify = shopifyApi({
  apiKey: registration.apiKey,
  apiSecretKey: registration.apiSecret,
  apiVersion: ApiVersion.April26,
  hostName: "localhost:3000",
  isEmbeddedApp: true,
  logger: { level: 0 },
});

describe("the embedded app URL", () => {
  it("is <application_url><path> with the app's query and Shopify's signed parameters", async () => {
    const state = createEmulatorState({ apps: [registration] });
    const url = new URL(
      await embeddedAppUrl(
        state,
        SHOP,
        registration,
        "/app/campaigns",
        new URLSearchParams("zeta=1&alpha=two words&shop=spoofed"),
      ),
    );
    expect(`${url.origin}${url.pathname}`).toBe("http://localhost:3000/app/campaigns");
    const query = Object.fromEntries(url.searchParams);
    expect(query).toMatchObject({
      zeta: "1",
      alpha: "two words",
      shop: SHOP,
      embedded: "1",
      locale: "en",
    });
    expect(Object.keys(query).sort()).toEqual(
      [
        "alpha",
        "embedded",
        "hmac",
        "host",
        "id_token",
        "locale",
        "session",
        "shop",
        "timestamp",
        "zeta",
      ].sort(),
    );
    expect(await shopify.utils.validateHmac(query)).toBe(true);
    expect(await shopify.utils.validateHmac({ ...query, zeta: "2" })).toBe(false);
    expect(Buffer.from(query.host!, "base64").toString()).toBe(
      "admin.shopify.com/store/onecode-demo",
    );
    expect((await shopify.session.decodeSessionToken(query.id_token!)).dest).toBe(
      `https://${SHOP}`,
    );
  });
});
