// Decimals of a currency's smallest unit (JPY 0, USD 2, KWD 3), from the runtime's ISO 4217 data,
// so every split of an order's amounts lands on real cents, whichever event does the split.
const cache = new Map<string, number>();

export function currencyDecimals(currency: string): number {
  let decimals = cache.get(currency);
  if (decimals === undefined) {
    try {
      decimals = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits!;
    } catch {
      decimals = 2;
    }
    cache.set(currency, decimals);
  }
  return decimals;
}
