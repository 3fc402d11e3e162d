// Exact money as bigints of 1/10^4 of the currency unit (every ISO 4217 currency has at most 3
// decimals), so sums and splits pick up no floating-point error.

const SCALE = 4;
const FACTOR = 10n ** BigInt(SCALE);

/** Parses "12.34", "-1", "0.500" (or a finite number); null for anything else. */
export function parseMoney(value: unknown): bigint | null {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== "string") return null;
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const [, minus, whole, fraction = ""] = match;
  if (fraction.length > SCALE && /[1-9]/.test(fraction.slice(SCALE))) return null;
  const units = BigInt(whole!) * FACTOR + BigInt(fraction.slice(0, SCALE).padEnd(SCALE, "0"));
  return minus ? -units : units;
}

/** Text with at least two decimals and no needless trailing zeros: "12.30", "0.125". */
export function formatMoney(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / FACTOR;
  let fraction = (abs % FACTOR).toString().padStart(SCALE, "0");
  while (fraction.length > 2 && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/**
 * Splits an amount into `parts` shares that add up to it exactly, in steps of the currency's
 * smallest unit (`decimals`); the first shares take the remainder.
 */
export function splitMoney(units: bigint, parts: number, decimals = 2): bigint[] {
  if (parts <= 1) return [units];
  const step = 10n ** BigInt(SCALE - Math.min(decimals, SCALE));
  const steps = units / step;
  const base = steps / BigInt(parts);
  let remainder = steps - base * BigInt(parts);
  const shares: bigint[] = [];
  for (let i = 0; i < parts; i++) {
    const extra = remainder > 0n ? 1n : remainder < 0n ? -1n : 0n;
    remainder -= extra;
    shares.push((base + extra) * step);
  }
  // Whatever is finer than the currency's unit stays on the first share.
  shares[0] = shares[0]! + (units - steps * step);
  return shares;
}

/** Decimals Shopify writes for an amount ("10.00" → 2, "1000" → 0). */
export function decimalsOf(text: unknown): number {
  if (typeof text !== "string") return 2;
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : Math.min(text.length - dot - 1, SCALE);
}
