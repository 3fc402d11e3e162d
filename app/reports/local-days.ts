// Calendar days in the shop's time zone. A report's "day" is the merchant's day, not UTC's: an
// order at 23:30 in New York belongs to that evening even though it is already tomorrow in UTC.
import { offsetAt, wallFields } from "../shops/zoned-time";

/** The day ("YYYY-MM-DD") it is at `at` in the zone. */
export function localDay(at: Date, timeZone: string): string {
  const p = wallFields(at.getTime(), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The instant the local day begins (midnight, or the first moment after a DST gap). */
export function dayStart(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(y, m - 1, d);
  let guess = midnightUtc - offsetAt(midnightUtc, timeZone);
  // Re-read the offset at the guess: it differs when a DST change lies between the two instants.
  guess = midnightUtc - offsetAt(guess, timeZone);
  return new Date(guess);
}

/** The day after `day`, as text. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The day `n` days before `day` (n may be negative). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = from; day <= to; day = nextDay(day)) out.push(day);
  return out;
}

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
