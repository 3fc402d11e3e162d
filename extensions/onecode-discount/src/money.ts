// Money as whole minor units (cents, yen, fils) of the cart's currency, so sums and comparisons
// are exact and every amount the function outputs is a whole number of the currency's smallest
// unit. Shopify sends amounts as Decimal strings ("29.99", "1500.0"); a currency's number of
// decimals comes from @onecode/checkout-rules/currency.

/** A Decimal (string or number) as minor units, rounded half up; 0 for anything unreadable. */
export function toMinor(decimal: unknown, digits: number): number {
  const value = typeof decimal === "string" ? Number(decimal) : decimal;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) return 0;
  return roundHalfUp(value * 10 ** digits);
}

/**
 * An amount in the shop's currency (the rules' Money) as minor units of the cart's currency.
 * `presentmentCurrencyRate` is Shopify's rate from the shop's currency to the cart's (Input
 * field of the same name: "The exchange rate used to convert discounts between the shop's
 * default currency and the currency that displays to the customer").
 */
export function shopToMinor(amount: string, rate: number, digits: number): number {
  return toMinor(Number(amount) * rate, digits);
}

/** Minor units back to the Decimal string Shopify accepts ("12.34", "1500"). */
export function fromMinor(minor: number, digits: number): string {
  const whole = Math.floor(minor / 10 ** digits);
  if (digits === 0) return String(whole);
  const fraction = String(minor - whole * 10 ** digits).padStart(digits, "0");
  return `${whole}.${fraction}`;
}

/** `percent` % of `minor`, rounded half up to a whole minor unit. */
export function percentOf(minor: number, percent: number): number {
  return roundHalfUp((minor * percent) / 100);
}

/** The subtotal of `units` of a line's `quantity` units, rounded half up. */
export function roundShare(subtotal: number, units: number, quantity: number): number {
  return units === quantity ? subtotal : roundHalfUp((subtotal * units) / quantity);
}

/** The presentment rate as a positive number; 1 when missing or unreadable. */
export function readRate(rate: unknown): number {
  const value = typeof rate === "string" ? Number(rate) : rate;
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 1;
}

// Binary floating point stores 1.005 * 100 as 100.49999…; the nudge makes such halves round
// up as they would in decimal, and is far below one minor unit for any real amount.
function roundHalfUp(value: number): number {
  return Math.floor(value + 0.5 + 1e-9 * Math.max(1, Math.abs(value)));
}
