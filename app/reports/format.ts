// Money and shares as the reports print them. Money always with its currency's own code: amounts
// in two currencies are two figures, never one.
export type Formatted = string;

export function formatMoney(amount: number, currency: string): Formatted {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export function formatPercent(share: number): Formatted {
  return `${(share * 100).toFixed(1)}%`;
}
