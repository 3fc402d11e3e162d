// When a failed partner webhook is tried again: exponential from `baseMs` (30 s), capped at 6 h,
// with up to a fifth of jitter so a partner's outage does not end in a thundering herd; given up
// 72 h after the event (three days: longer than a weekend, well over the 24 h promised).
export const GIVE_UP_AFTER_MS = 72 * 3_600_000;
const CAP_MS = 6 * 3_600_000;

export function nextDelayMs(attempts: number, baseMs: number, random = Math.random()): number {
  const delay = Math.min(CAP_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(delay * (1 + random / 5));
}
