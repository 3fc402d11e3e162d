// The HMAC check of a webhook through the Shopify library (the check authenticate.webhook makes),
// without loading the shop's session: no handler needs it, and it would cost a query per delivery.
import "@shopify/shopify-api/adapters/web-api";
import {
  LogSeverity,
  shopifyApi,
  WebhookValidationErrorReason,
  type Shopify,
} from "@shopify/shopify-api";
import { fail, type Result } from "../result";
import { API_VERSION } from "../shopify/api-version";
import { tooLargeMessage } from "./body";

export interface VerifiedWebhook {
  shop: string;
  topic: string;
  webhookId: string;
  eventId: string | null;
  triggeredAt: string | null;
  rawBody: string;
}

export type VerifyCode =
  | "method_not_allowed"
  | "body_too_large"
  | "missing_body"
  | "missing_signature"
  | "forged_signature"
  | "missing_headers"
  | "not_a_webhook";

/** The delivery's identity, or why it is refused with the HTTP `status` Shopify gets. */
export type Verified = Result<VerifiedWebhook, VerifyCode, { status: number }>;

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

type Refusal = Exclude<VerifyCode, "body_too_large">;

const LIBRARY_REASONS: Record<string, Refusal> = {
  [WebhookValidationErrorReason.MissingBody]: "missing_body",
  [WebhookValidationErrorReason.MissingHmac]: "missing_signature",
  [WebhookValidationErrorReason.InvalidHmac]: "forged_signature",
  [WebhookValidationErrorReason.MissingHeaders]: "missing_headers",
};

const MESSAGES: Record<Refusal, string> = {
  method_not_allowed: "A webhook is delivered by POST.",
  missing_body: "The webhook has no body.",
  missing_signature: "The webhook carries no HMAC signature.",
  forged_signature: "The webhook's HMAC signature does not match its body.",
  missing_headers: "The webhook lacks Shopify's topic, shop, API version or webhook id header.",
  not_a_webhook: "An event delivery is not a webhook OneCode subscribes to.",
};

const refuse = (code: Refusal, status: number) => fail(code, MESSAGES[code], { status });

/** `rawBody` is null when the body was over the cap (webhookMaxBodyBytes) and left unread. */
export async function verifyWebhook(request: Request, rawBody: string | null): Promise<Verified> {
  if (request.method !== "POST") return refuse("method_not_allowed", 405);
  if (rawBody === null) {
    return fail("body_too_large", tooLargeMessage(), { status: 413 });
  }
  const check = await webhookApi().webhooks.validate({
    rawBody,
    rawRequest: shopifyHeadersOnly(request),
  });
  if (!check.valid) {
    const code = LIBRARY_REASONS[check.reason] ?? "missing_headers";
    return refuse(code, code === "forged_signature" ? 401 : 400);
  }
  if (check.webhookType !== "webhooks") return refuse("not_a_webhook", 400);
  return {
    ok: true,
    shop: check.domain,
    topic: check.topic,
    webhookId: check.webhookId,
    eventId: check.eventId ?? null,
    triggeredAt: check.triggeredAt ?? null,
    rawBody,
  };
}

// Only Shopify's headers: the library re-canonicalizes every header name on each call, which
// under load cost as much as the HMAC itself, and it reads only method, URL and headers.
function shopifyHeadersOnly(request: Request): Pick<Request, "method" | "url" | "headers"> {
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (name.startsWith("x-shopify-") || name.startsWith("shopify-")) headers.append(name, value);
  });
  return { method: request.method, url: request.url, headers };
}
