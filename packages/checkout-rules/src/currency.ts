// Decimals of a currency's minor unit from a fixed ISO 4217 table, the one the app and the function
// both read (decision 031).

// ISO 4217 exponents that differ from 2, as Shopify presents them.
const EXPONENT: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

/** Decimal places of the currency's minor unit (2 when unknown). */
export function minorDigits(currencyCode: unknown): number {
  return typeof currencyCode === "string" ? (EXPONENT[currencyCode] ?? 2) : 2;
}
