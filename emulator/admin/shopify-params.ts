// The query parameters Shopify admin adds to the app's URL when it embeds it (embedded=1, host,
// id_token, locale, session, shop, timestamp and the hmac over them;
// https://shopify.dev/docs/apps/build/admin/embedded-app-home). Dependency-free: the admin frame
// and the App Bridge stand-in, both bundled for the browser, import it too.
export const SHOPIFY_ADDED_PARAMS: readonly string[] = [
  "embedded",
  "hmac",
  "host",
  "id_token",
  "locale",
  "session",
  "shop",
  "timestamp",
];
