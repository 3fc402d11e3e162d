/** What an embedded page needs to load App Bridge; the API key is public by design. */
export interface EmbeddedAppConfig {
  apiKey: string;
  appBridgeUrl: string;
}

export function embeddedAppConfig(env = process.env): EmbeddedAppConfig {
  return {
    apiKey: env.SHOPIFY_API_KEY ?? "",
    // APP_BRIDGE_URL is @shopify/shopify-app-remix's own override; the demo points it at the
    // emulator's stand-in because Shopify's CDN is out of reach here.
    appBridgeUrl: env.APP_BRIDGE_URL ?? "https://cdn.shopify.com/shopifycloud/app-bridge.js",
  };
}
