import { createHmac } from "node:crypto";

// Query strings Shopify signs when it sends the merchant's browser to an app (the embedded app
// URL, the OAuth callback): `hmac` is the hex HMAC-SHA256, keyed with the app's client secret, of
// every other parameter sorted by name and joined as `k=v&k=v`
// (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant#step-1-verify-the-installation-request).

/** `host`: base64 of "admin.shopify.com/store/<name>", padding dropped, as Shopify sends it. */
export function adminHostParam(shop: string): string {
  const name = shop.replace(/\.myshopify\.com$/, "");
  return Buffer.from(`admin.shopify.com/store/${name}`).toString("base64").replace(/=+$/, "");
}

export function signQuery(params: Record<string, string>, apiSecret: string): URLSearchParams {
  const message = Object.keys(params)
    .filter((key) => key !== "hmac" && key !== "signature")
    .sort((a, b) => a.localeCompare(b))
    .map((key) => `${encode(key)}=${encode(params[key]!)}`)
    .join("&");
  const hmac = createHmac("sha256", apiSecret).update(message).digest("hex");
  return new URLSearchParams({ ...params, hmac });
}

// URLSearchParams encoding with spaces as %20, the form Shopify's libraries compare against.
function encode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2).replace(/\+/g, "%20");
}
