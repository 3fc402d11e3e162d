// Leak and fraud signals read off one redemption the moment it is first recorded. Each finding
// becomes an Anomaly row created in the same transaction as the Redemption row, which is unique
// per (shop, order, code): so a signal is raised once, however often the order is delivered.
import { verifyBoundCode } from "@onecode/checkout-rules/bound-code";
import { couponSiteOf } from "./coupon-sites";

export type AnomalyKind =
  | "never_distributed"
  | "redeemed_twice"
  | "bound_code_misuse"
  | "redemption_spike"
  | "coupon_site_referral"
  | "redeemed_after_revoke";

export interface AnomalyFinding {
  kind: AnomalyKind;
  details: Record<string, string | number | boolean | null>;
}

export interface RedemptionFacts {
  code: string;
  orderId: string;
  orderName: string | null;
  /** The code's status before this order touched it. */
  statusBefore: "available" | "allocated" | "distributed" | "redeemed" | "revoked";
  distributedAt: Date | null;
  /** Set once any order redeemed the code (kept even when it was later revoked). */
  redeemedAtBefore: Date | null;
  revokedAt: Date | null;
  allocationRevokedAt: Date | null;
  boundCustomerId: string | null;
  /** The campaign's bound-code key (rules.boundKey), if its codes are bound. */
  boundKey: string | null;
  customerId: string | null;
  landingSite: string | null;
  referringSite: string | null;
  couponSites: readonly string[];
}

export function detectAnomalies(facts: RedemptionFacts): AnomalyFinding[] {
  const found: AnomalyFinding[] = [];
  const order = { orderName: facts.orderName, code: facts.code };
  if (facts.statusBefore === "revoked" || facts.revokedAt || facts.allocationRevokedAt) {
    // A revoke raced the checkout: the order stands (Shopify took it), so it is recorded and flagged.
    found.push({ kind: "redeemed_after_revoke", details: order });
  }
  if (facts.redeemedAtBefore || facts.statusBefore === "redeemed") {
    found.push({ kind: "redeemed_twice", details: order });
  } else if (
    // Handing out follows the campaign's setting (app/partners/distribution.ts): an allocation's
    // CSV download or partner API claim, or the full-list download of a campaign published as a
    // whole. Each records it on the code (distributed, distributedAt), so a code still available
    // or only allocated here is one that, by its campaign's own setting, never left OneCode.
    (facts.statusBefore === "available" || facts.statusBefore === "allocated") &&
    !facts.distributedAt
  ) {
    found.push({ kind: "never_distributed", details: { ...order, status: facts.statusBefore } });
  }
  if (isBoundMisuse(facts)) {
    found.push({
      kind: "bound_code_misuse",
      details: { ...order, guest: facts.customerId === null },
    });
  }
  const coupon = couponSiteOf([facts.referringSite, facts.landingSite], facts.couponSites);
  if (coupon)
    found.push({ kind: "coupon_site_referral", details: { ...order, site: coupon.site } });
  return found;
}

// The code's recorded customer decides; a bound campaign's code with no recorded customer is
// checked the way the discount function checks it at checkout (@onecode/checkout-rules/bound-code).
function isBoundMisuse(facts: RedemptionFacts): boolean {
  if (facts.boundCustomerId) return facts.customerId !== facts.boundCustomerId;
  if (!facts.boundKey) return false;
  return !verifyBoundCode(facts.code, facts.boundKey, facts.customerId);
}
