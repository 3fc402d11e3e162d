// Exponential backoff with "full jitter": the wait before retry n is drawn uniformly from
// [0, min(cap, base · 2^n)). Spreading retries over the whole window is what keeps many clients
// that failed together from retrying together (AWS Architecture Blog, "Exponential Backoff And
// Jitter"); Shopify asks apps to retry "responsibly" (shopify.dev/docs/api/usage/limits).

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/** Delay before retry number `retry` (0 for the first retry). `random` returns [0, 1). */
export function fullJitterDelay(
  policy: BackoffPolicy,
  retry: number,
  random: () => number,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retry));
  return Math.floor(random() * ceiling);
}
