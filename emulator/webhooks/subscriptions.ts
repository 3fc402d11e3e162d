import type { AppRegistration } from "../store/types";

// Where an app wants a topic delivered, from its app-specific subscriptions in shopify.app.toml
// ([[webhooks.subscriptions]] with `topics` or `compliance_topics` and a `uri`). A relative uri
// is resolved against application_url, as Shopify CLI documents ("uri ... can be a relative
// path": https://shopify.dev/docs/apps/build/webhooks/subscribe/get-started). Only HTTPS (and,
// locally, HTTP) endpoints are emulated; Pub/Sub and EventBridge uris are refused loudly.

export const COMPLIANCE_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"];

export function subscriptionUrls(app: AppRegistration, topic: string): string[] {
  const urls: string[] = [];
  for (const sub of app.webhooks) {
    const compliance = COMPLIANCE_TOPICS.includes(topic);
    const listed = compliance ? sub.complianceTopics : sub.topics;
    if (!listed.includes(topic)) continue;
    urls.push(resolveUri(app.applicationUrl, sub.uri));
  }
  return urls;
}

function resolveUri(applicationUrl: string, uri: string): string {
  if (uri.startsWith("pubsub://") || uri.startsWith("arn:")) {
    throw new Error(`The emulator delivers webhooks over HTTP only, not to ${uri}`);
  }
  if (/^https?:\/\//.test(uri)) return uri;
  if (!uri.startsWith("/"))
    throw new Error(`Webhook uri must be absolute or start with "/": ${uri}`);
  return `${applicationUrl.replace(/\/+$/, "")}${uri}`;
}
