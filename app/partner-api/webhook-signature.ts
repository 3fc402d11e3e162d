// How partner webhooks are signed, and how a partner checks them. The signed content is
// `<timestamp>.<body>` (HMAC-SHA256, the partner's secret, hex), so a captured delivery cannot be
// replayed later with a new timestamp; a receiver refuses timestamps outside its window.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "onecode-signature";
export const TIMESTAMP_HEADER = "onecode-timestamp";
export const EVENT_ID_HEADER = "onecode-event-id";
export const REPLAY_WINDOW_SECONDS = 300;

export function signature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

export function signedHeaders(secret: string, body: string, now = Date.now()) {
  const timestamp = Math.floor(now / 1000);
  return {
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: `v1=${signature(secret, timestamp, body)}`,
  };
}

/** What a partner's receiver does: true when the delivery is ours and recent. */
export function verifySignature(
  secret: string,
  headers: { timestamp: string | null; signature: string | null },
  body: string,
  now = Date.now(),
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp)) return false;
  if (Math.abs(now / 1000 - timestamp) > REPLAY_WINDOW_SECONDS) return false;
  const given = /^v1=([0-9a-f]{64})$/.exec(headers.signature ?? "")?.[1];
  if (!given) return false;
  return timingSafeEqual(
    Buffer.from(given, "hex"),
    Buffer.from(signature(secret, timestamp, body), "hex"),
  );
}
