// How a campaign's and a redemption's states read to a merchant (the database keeps the enums).

export const CAMPAIGN_STATUS_LABELS = {
  minting: "Making codes",
  pushing: "Sending to Shopify",
  active: "Active",
  cancelled: "Cancelled",
} as const;

export const REDEMPTION_STATE_LABELS = {
  created: "Ordered",
  paid: "Paid",
  cancelled: "Cancelled",
  refunded: "Refunded",
  partially_refunded: "Partly refunded",
} as const;

/** A share as a progress bar's label reads it: whole percent, one decimal below 10. */
export function roundedPercent(done: number, total: number): number {
  if (total <= 0) return 0;
  const percent = Math.min(100, (done / total) * 100);
  return percent < 10 ? Math.round(percent * 10) / 10 : Math.round(percent);
}
