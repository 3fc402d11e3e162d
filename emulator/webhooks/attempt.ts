import type { DeliveryAttempt, WebhookRecord } from "./types";

/**
 * One POST of a webhook. Success is a 2xx within the timeout; Shopify counts anything else
 * (including a redirect, which it does not follow) as a failed attempt to be retried
 * (https://shopify.dev/docs/apps/build/webhooks/troubleshooting-webhooks).
 */
export async function attemptDelivery(
  webhook: WebhookRecord,
  attempt: number,
  seq: number,
  timeoutMs: number,
): Promise<DeliveryAttempt> {
  const startedAt = new Date();
  const started = performance.now();
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(webhook.url, {
      method: "POST",
      headers: webhook.headers,
      body: webhook.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The answer counts only once it has been read in full inside the time limit.
    await response.arrayBuffer();
    status = response.status;
    if (status < 200 || status > 299) error = `HTTP ${status}`;
  } catch (e) {
    error = describe(e, timeoutMs);
  }
  return {
    webhookId: webhook.webhookId,
    eventId: webhook.eventId,
    shop: webhook.shop,
    topic: webhook.topic,
    apiKey: webhook.apiKey,
    url: webhook.url,
    attempt,
    seq,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - started,
    status,
    ok: error === null,
    error,
    headers: webhook.headers,
    body: webhook.body,
  };
}

function describe(e: unknown, timeoutMs: number): string {
  if (e instanceof DOMException && e.name === "TimeoutError")
    return `timeout after ${timeoutMs} ms`;
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? `: ${e.cause.message}` : "";
    return `${e.message}${cause}`;
  }
  return String(e);
}
