// Shopify: "Webhooks will now be retried a total of 8 times over 4 hours using an exponential
// backoff schedule ... delivered with the original payload from the time they were triggered."
// (https://shopify.dev/changelog/updates-to-webhook-retry-mechanism). The exact intervals are
// not published, so the emulator doubles each wait and sizes the first so the 8 add up to 4 h.
export const SHOPIFY_RETRY_COUNT = 8;
const FOUR_HOURS_MS = 4 * 60 * 60 * 1000;
const FIRST_RETRY_MS = FOUR_HOURS_MS / (2 ** SHOPIFY_RETRY_COUNT - 1);

/** Waits before retry 1..8, in ms; `scale` shrinks the whole schedule (tests use ~1e-5). */
export function retryDelaysMs(scale = 1): number[] {
  return Array.from({ length: SHOPIFY_RETRY_COUNT }, (_, i) => FIRST_RETRY_MS * 2 ** i * scale);
}

// "Shopify gives your webhook endpoint ... 5 seconds to respond" (HTTPS delivery,
// https://shopify.dev/docs/apps/build/webhooks/subscribe/https).
export const SHOPIFY_DELIVERY_TIMEOUT_MS = 5000;
