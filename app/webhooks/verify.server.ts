// HMAC verification of a webhook through the Shopify library (shopify-api's webhooks.validate:
// the same check authenticate.webhook makes), without what authenticate.webhook adds: loading
// the shop's offline session from storage, and refreshing its token. No handler here needs the
// session (Admin calls run later, through unauthenticated.admin), and that read would put one
// more query per delivery on the database the deliveries are written to.
// The runtime adapter @shopify/shopify-app-remix itself installs: web-standard Requests.
import "@shopify/shopify-api/adapters/web-api";
import {
  LogSeverity,
  shopifyApi,
  WebhookValidationErrorReason,
  type Shopify,
} from "@shopify/shopify-api";
import { API_VERSION } from "../shopify/api-version";

export interface VerifiedWebhook {
  shop: string;
  topic: string;
  webhookId: string;
  eventId: string | null;
  triggeredAt: string | null;
}

let api: Shopify | undefined;

function webhookApi(): Shopify {
  const { SHOPIFY_API_KEY: apiKey, SHOPIFY_API_SECRET: apiSecretKey } = process.env;
  const appUrl = process.env.SHOPIFY_APP_URL;
  if (!apiKey || !apiSecretKey || !appUrl) {
    throw new Error(
      "SHOPIFY_API_KEY, SHOPIFY_API_SECRET and SHOPIFY_APP_URL must be set: see README.md",
    );
  }
  api ??= shopifyApi({
    apiKey,
    apiSecretKey,
    apiVersion: API_VERSION,
    hostName: new URL(appUrl).host,
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error },
  });
  return api;
}

/** The delivery's identity, or the Response Shopify gets: 401 for a bad HMAC, 400 otherwise. */
export async function verifyWebhook(
  request: Request,
  rawBody: string,
): Promise<VerifiedWebhook | Response> {
  if (request.method !== "POST") return new Response(null, { status: 405 });
  const check = await webhookApi().webhooks.validate({
    rawBody,
    rawRequest: shopifyHeadersOnly(request),
  });
  if (!check.valid) {
    const status = check.reason === WebhookValidationErrorReason.InvalidHmac ? 401 : 400;
    return new Response(null, { status });
  }
  if (check.webhookType !== "webhooks") return new Response(null, { status: 400 });
  return {
    shop: check.domain,
    topic: check.topic,
    webhookId: check.webhookId,
    eventId: check.eventId ?? null,
    triggeredAt: check.triggeredAt ?? null,
  };
}

/**
 * The request as the library's check sees it: only Shopify's headers (X-Shopify-* for webhooks,
 * Shopify-* for events), which are all it reads; the HMAC covers the body alone. The library
 * re-canonicalizes every header name several times per call, which under load cost as much as
 * the HMAC itself, so the proxies' and clients' other headers are left out. The library takes
 * any request object (`rawRequest` is untyped) and its web-api adapter reads only the method,
 * the URL and `headers.entries()`; building a whole Request for it cost more than the lookups.
 */
function shopifyHeadersOnly(request: Request): Pick<Request, "method" | "url" | "headers"> {
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (name.startsWith("x-shopify-") || name.startsWith("shopify-")) headers.append(name, value);
  });
  return { method: request.method, url: request.url, headers };
}
