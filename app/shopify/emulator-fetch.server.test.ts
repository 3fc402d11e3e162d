import { describe, expect, it } from "vitest";
import { adaptDocumentHeadersForEmulator, rewriteShopifyUrl } from "./emulator-fetch.server";

describe("pointing the Shopify library at the emulator", () => {
  it("moves shop URLs under the emulator's /store/<shop> and leaves every other URL alone", () => {
    const emulator = "http://localhost:8787";
    expect(
      rewriteShopifyUrl("https://a-shop.myshopify.com/admin/api/2026-04/graphql.json", emulator),
    ).toBe("http://localhost:8787/store/a-shop.myshopify.com/admin/api/2026-04/graphql.json");
    expect(
      rewriteShopifyUrl(
        "https://a-shop.myshopify.com/admin/oauth/access_token?x=1",
        `${emulator}/`,
      ),
    ).toBe("http://localhost:8787/store/a-shop.myshopify.com/admin/oauth/access_token?x=1");
    expect(rewriteShopifyUrl("https://example.com/x", emulator)).toBe("https://example.com/x");
    expect(rewriteShopifyUrl("http://a-shop.myshopify.com/x", emulator)).toBe(
      "http://a-shop.myshopify.com/x",
    );
  });

  it("lets the emulator's admin frame the app and preloads the App Bridge stand-in", () => {
    const headers = new Headers({
      "Content-Security-Policy":
        "frame-ancestors https://a.myshopify.com https://admin.shopify.com;",
      Link: '<https://cdn.shopify.com/shopifycloud/app-bridge.js>; rel="preload"; as="script";',
    });
    adaptDocumentHeadersForEmulator(
      headers,
      "http://localhost:8787/",
      "http://localhost:8787/app-bridge.js",
    );
    expect(headers.get("Content-Security-Policy")).toBe(
      "frame-ancestors https://a.myshopify.com https://admin.shopify.com http://localhost:8787;",
    );
    expect(headers.get("Link")).toBe(
      '<http://localhost:8787/app-bridge.js>; rel="preload"; as="script";',
    );
  });
});
