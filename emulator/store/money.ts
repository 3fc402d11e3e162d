// Shopify's Decimal scalar is a string ("10.0", "12.34"); the store keeps integer cents.
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Parses "12.34" / "12" / 12.34 into cents; null when not a finite amount. */
export function decimalToCents(value: string | number): number | null {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return null;
  return Math.round(n * 100);
}
