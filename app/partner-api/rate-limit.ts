// A token bucket per API key and process: `perMinute` requests a minute, bursts of a tenth of that
// (at least 10). It guards the shop from a runaway client; it is not a billing meter.
import { fail, type Result } from "../result";

export interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type RateDecision = Result<object, "rate_limited", { retryAfterSeconds: number }>;

export function takeToken(bucket: Bucket, perMinute: number, now: number): RateDecision {
  const capacity = Math.max(10, Math.ceil(perMinute / 10));
  const perMs = perMinute / 60_000;
  bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * perMs);
  bucket.updatedAt = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return { ok: true };
  }
  const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  return fail(
    "rate_limited",
    `This key may make ${perMinute} requests a minute; try again in ${retryAfterSeconds} s.`,
    { retryAfterSeconds },
  );
}

export function fullBucket(perMinute: number, now: number): Bucket {
  return { tokens: Math.max(10, Math.ceil(perMinute / 10)), updatedAt: now };
}
