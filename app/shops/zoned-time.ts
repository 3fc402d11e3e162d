// Wall-clock times in the shop's time zone. A `datetime-local` field posts "2027-03-01T09:00"
// with no zone: the merchant means their shop's clock (Shopify's `shop.ianaTimezone`), never the
// server's. Conversions go through Intl, which knows each zone's rules and DST changes.

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a zone name Intl knows ("Asia/Tokyo", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a zone. */
export function wallFields(instant: number, timeZone: string) {
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return fields as Record<"year" | "month" | "day" | "hour" | "minute" | "second", number>;
}

/** How far the zone's clock is ahead of UTC at an instant, in milliseconds. */
export function offsetAt(instant: number, timeZone: string): number {
  const f = wallFields(instant, timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock time ("2027-03-01T09:00") names in a zone; null when the text is not
 * such a time. A time a DST change skips reads as the clock after the change (02:30 → 03:30).
 */
export function wallTimeToInstant(text: string, timeZone: string): Date | null {
  const match = WALL_TIME.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  // Date.UTC rolls "02-30" over to March: such a date does not exist.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23) return null;
  // The offset at the guess, then at that result: they differ only near a DST change. In the
  // hour a change skips, neither reads back as the text: take the later, the clock after it.
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second_ = asUtc - offsetAt(first, timeZone);
  const text_ = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}`;
  for (const candidate of [Math.min(first, second_), Math.max(first, second_)]) {
    if (instantToWallTime(new Date(candidate), timeZone) === text_) return new Date(candidate);
  }
  return new Date(Math.max(first, second_));
}

/** The `datetime-local` value ("2027-03-01T09:00") of an instant on the zone's clock. */
export function instantToWallTime(instant: Date, timeZone: string): string {
  const f = wallFields(instant.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${f.year}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}`;
}

/** An instant as a merchant reads it on the shop's clock: "Mar 1, 2027, 9:00 AM PST". */
export function formatInZone(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    dateStyle: "medium",
    timeStyle: "short",
  })
    .format(instant)
    .concat(" ", zoneAbbreviation(instant, timeZone));
}

/** The zone's short name at an instant: "PST", "GMT+9". */
function zoneAbbreviation(instant: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" })
    .formatToParts(instant)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** The zone as the form names it: "America/Los_Angeles (GMT-08:00)". */
export function describeTimeZone(timeZone: string, at: Date): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName");
  return `${timeZone.replaceAll("_", " ")} (${part?.value ?? "GMT"})`;
}
