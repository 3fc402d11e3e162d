import { abstractFetch, setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

/**
 * Demo and tests only: send every request the Shopify library makes to `https://<shop>/<path>`
 * to the local emulator at `<emulatorUrl>/store/<shop>/<path>` instead. The app keeps its real
 * client, auth and request shapes; only the host changes (see emulator/README.md).
 */
export function rewriteShopifyUrl(url: string, emulatorUrl: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" || !parsed.hostname.endsWith(".myshopify.com")) return url;
  return `${emulatorUrl.replace(/\/$/, "")}/store/${parsed.hostname}${parsed.pathname}${parsed.search}`;
}

export function routeShopifyRequestsToEmulator(emulatorUrl: string): void {
  const realFetch = abstractFetch;
  setAbstractFetchFunc((input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    return realFetch(rewriteShopifyUrl(url, emulatorUrl), init);
  });
}

/**
 * Demo and tests only: the emulator plays Shopify admin from its own origin, so the app lets that
 * origin frame it (as it lets admin.shopify.com in production), and preloads the App Bridge
 * script it will really load instead of Shopify's CDN copy.
 */
export function adaptDocumentHeadersForEmulator(
  headers: Headers,
  emulatorUrl: string,
  appBridgeUrl: string | undefined,
): void {
  const policy = headers.get("Content-Security-Policy");
  if (policy) {
    const origin = new URL(emulatorUrl).origin;
    headers.set(
      "Content-Security-Policy",
      policy.replace(
        /frame-ancestors ([^;]*)/,
        (_m, sources: string) => `frame-ancestors ${sources} ${origin}`,
      ),
    );
  }
  const link = headers.get("Link");
  if (link && appBridgeUrl) {
    headers.set(
      "Link",
      link.replace("https://cdn.shopify.com/shopifycloud/app-bridge.js", appBridgeUrl),
    );
  }
}
