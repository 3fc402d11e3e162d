// Exponential backoff with full jitter: retry n waits a uniform draw from [0, min(cap, base·2^n)),
// so clients that failed together do not retry together.

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
