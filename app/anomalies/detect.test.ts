import { describe, expect, it } from "vitest";
import { bindCode } from "@onecode/checkout-rules/bound-code";
import { couponSiteOf } from "./coupon-sites";
import { detectAnomalies, type RedemptionFacts } from "./detect";
import { isSpike } from "./spike";

const clean: RedemptionFacts = {
  code: "SPRING-1",
  orderId: "1",
  orderName: "#1",
  statusBefore: "distributed",
  distributedAt: new Date(),
  redeemedAtBefore: null,
  revokedAt: null,
  allocationRevokedAt: null,
  boundCustomerId: null,
  boundKey: null,
  customerId: "42",
  landingSite: null,
  referringSite: "https://www.google.com/",
  couponSites: ["retailmenot.com"],
};
const kinds = (facts: Partial<RedemptionFacts>) =>
  detectAnomalies({ ...clean, ...facts }).map((f) => f.kind);

describe("detectAnomalies", () => {
  it("finds nothing in a distributed code's first use", () => {
    expect(kinds({})).toEqual([]);
  });

  it("flags each leak signal", () => {
    expect(kinds({ statusBefore: "allocated", distributedAt: null })).toEqual([
      "never_distributed",
    ]);
    expect(kinds({ statusBefore: "available", distributedAt: null })).toEqual([
      "never_distributed",
    ]);
    expect(kinds({ statusBefore: "redeemed", redeemedAtBefore: new Date() })).toEqual([
      "redeemed_twice",
    ]);
    expect(kinds({ boundCustomerId: "7" })).toEqual(["bound_code_misuse"]);
    expect(kinds({ boundCustomerId: "7", customerId: null })).toEqual(["bound_code_misuse"]);
    expect(kinds({ boundCustomerId: "42" })).toEqual([]);
    expect(kinds({ referringSite: "https://deals.retailmenot.com/x" })).toEqual([
      "coupon_site_referral",
    ]);
    expect(kinds({ statusBefore: "revoked", revokedAt: new Date() })).toEqual([
      "redeemed_after_revoke",
    ]);
    expect(kinds({ allocationRevokedAt: new Date() })).toEqual(["redeemed_after_revoke"]);
  });

  it("checks a bound campaign's code with its key, as the function does at checkout", () => {
    const key = "cd".repeat(32);
    const code = bindCode(key, "RANDOM", "42")!;
    expect(kinds({ code, boundKey: key })).toEqual([]);
    expect(kinds({ code, boundKey: key, customerId: "43" })).toEqual(["bound_code_misuse"]);
  });
});

describe("couponSiteOf", () => {
  it("matches the site and its subdomains, in referring URLs and landing-page parameters", () => {
    const sites = ["honey.com", "slickdeals.net"];
    expect(couponSiteOf(["https://www.honey.com/shop"], sites)?.site).toBe("honey.com");
    expect(couponSiteOf(["/products/a?utm_source=slickdeals.net"], sites)?.site).toBe(
      "slickdeals.net",
    );
    expect(couponSiteOf(["https://nothoney.com/"], sites)).toBeNull();
    expect(
      couponSiteOf(["/products/a?utm_source=newsletter", null, "not a url"], sites),
    ).toBeNull();
  });
});

describe("isSpike", () => {
  const week = 7 * 24 * 3_600_000;
  it("flags an hour far above the allocation's own rate, never a small count or a new allocation", () => {
    expect(isSpike({ recent: 60, baseline: 168, baselineMs: week, factor: 5 }).spike).toBe(true);
    expect(isSpike({ recent: 4, baseline: 168, baselineMs: week, factor: 5 }).spike).toBe(false);
    expect(isSpike({ recent: 9, baseline: 0, baselineMs: week, factor: 5 }).spike).toBe(false);
    expect(isSpike({ recent: 60, baseline: 168 * 20, baselineMs: week, factor: 5 }).spike).toBe(
      false,
    );
    expect(isSpike({ recent: 500, baseline: 0, baselineMs: 60_000, factor: 5 }).spike).toBe(false);
  });
});
