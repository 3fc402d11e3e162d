import { createHmac } from "node:crypto";

/**
 * X-Shopify-Hmac-Sha256: base64 HMAC-SHA256 of the raw body keyed with the app's client secret
 * (https://shopify.dev/docs/apps/build/webhooks/verify-deliveries).
 */
export function webhookHmac(rawBody: string, apiSecret: string): string {
  return createHmac("sha256", apiSecret).update(rawBody, "utf8").digest("base64");
}
