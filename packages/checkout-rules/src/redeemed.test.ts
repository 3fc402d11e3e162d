import { describe, expect, it } from "vitest";
import { MAX_RULES_BYTES } from "./rules";
import { MAX_REDEEMED_CAMPAIGNS, hasRedeemed, recordRedemption } from "./redeemed";

describe("redeemed-campaigns metafield", () => {
  it("records a campaign once, newest last", () => {
    const once = JSON.parse(recordRedemption(["a", "b"], "a"));
    expect(once).toEqual(["b", "a"]);
    expect(hasRedeemed(once, "a")).toBe(true);
    expect(hasRedeemed(once, "c")).toBe(false);
  });

  it("reads a malformed value as no redemption", () => {
    expect(hasRedeemed("cmp_1", "cmp_1")).toBe(false);
    expect(JSON.parse(recordRedemption({ ids: ["x"] }, "cmp_1"))).toEqual(["cmp_1"]);
  });

  it("stays within what Shopify hands a function, dropping the oldest", () => {
    let value: unknown = [];
    for (let i = 0; i < MAX_REDEEMED_CAMPAIGNS + 5; i++) {
      value = JSON.parse(recordRedemption(value, `${String(i).padStart(4, "0")}`.padEnd(64, "x")));
    }
    const ids = value as string[];
    expect(ids).toHaveLength(MAX_REDEEMED_CAMPAIGNS);
    expect(ids[0]?.startsWith("0005")).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(ids))).toBeLessThanOrEqual(MAX_RULES_BYTES);
  });
});
