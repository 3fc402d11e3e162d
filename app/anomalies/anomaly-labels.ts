// How each leak signal reads to a merchant.
export const ANOMALY_LABELS = {
  never_distributed: "A code was redeemed that was never handed out",
  redeemed_twice: "A code was used on more than one order",
  bound_code_misuse: "A customer-bound code was used by someone else",
  redemption_spike: "An allocation is redeeming far faster than usual",
  coupon_site_referral: "An order came from a coupon site",
  redeemed_after_revoke: "A revoked code was still redeemed",
} as const;

// Where a leak alert stands, in words.
export const ANOMALY_STATUS_LABELS = {
  open: "Open",
  dismissed: "Dismissed",
  revoked: "Codes revoked",
} as const;
