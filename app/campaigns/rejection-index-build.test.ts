import { describe, expect, it } from "vitest";
import { bindCode } from "@onecode/checkout-rules/bound-code";
import { campaignForCode, readIndex } from "@onecode/checkout-rules/rejection-index";
import { buildRejectionIndex, type IndexedCampaign } from "./rejection-index-build";
import { MAX_RULES_BYTES, readRules, type CampaignRules } from "@onecode/checkout-rules/rules";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const KEY = "4f6e65436f6465206669787475726520626f756e64206b6579202d2d20763121";

function rules(campaignId: string, extra: Record<string, unknown> = {}): CampaignRules {
  const doc = {
    v: 1,
    campaignId,
    includeProductIds: [],
    excludeProductIds: [],
    includeCollectionIds: [],
    excludeCollectionIds: [],
    requiredCustomerTags: [],
    excludedCustomerTags: [],
    customerTags: [],
    minSubtotal: null,
    firstOrderOnly: false,
    oncePerCustomer: false,
    boundKey: null,
    reward: { kind: "amount", target: "order", value: { percent: 10 }, cap: null },
    ...extra,
  };
  const read = readRules(doc);
  if (!read) throw new Error("invalid test rules");
  return read;
}

const campaign = (id: string, pattern: string, extra = {}): IndexedCampaign => ({
  rules: rules(id, extra),
  pattern,
  alphabet: ALPHABET,
  bound: false,
});

describe("the code-rejection index", () => {
  it("maps a code to the one campaign whose format it has, in any case", () => {
    const built = buildRejectionIndex([campaign("a", "VIP-####"), campaign("b", "SUMMER####")]);
    const index = readIndex(JSON.parse(built.json))!;
    expect(campaignForCode(index, "vip-abcd")?.rules.campaignId).toBe("a");
    expect(campaignForCode(index, "SUMMER2345")?.rules.campaignId).toBe("b");
    // A character outside the alphabet, a wrong length, a CSV code of another shape: no campaign.
    expect(campaignForCode(index, "VIP-AB1D")).toBeNull();
    expect(campaignForCode(index, "VIP-ABCDE")).toBeNull();
    expect(campaignForCode(index, "WELCOME10")).toBeNull();
  });

  it("maps no code when two campaigns share a format", () => {
    const built = buildRejectionIndex([campaign("a", "VIP-####"), campaign("b", "VIP-####")]);
    expect(campaignForCode(readIndex(JSON.parse(built.json))!, "VIP-ABCD")).toBeNull();
  });

  it("recognises bound codes by their tag after the format", () => {
    const bound = { ...campaign("a", "VIP-####", { boundKey: KEY }), bound: true };
    const index = readIndex(JSON.parse(buildRejectionIndex([bound]).json))!;
    const code = bindCode(KEY, "VIP-ABCD", "gid://shopify/Customer/7")!;
    expect(campaignForCode(index, code)?.rules.campaignId).toBe("a");
    expect(campaignForCode(index, "VIP-ABCD")).toBeNull();
  });

  it("asks each customer tag once and keeps each campaign's positions", () => {
    const built = buildRejectionIndex([
      campaign("a", "A-####", { requiredCustomerTags: ["vip"], customerTags: ["vip"] }),
      campaign("b", "B-####", {
        requiredCustomerTags: ["staff"],
        excludedCustomerTags: ["vip"],
        customerTags: ["staff", "vip"],
      }),
    ]);
    expect(built.index.customerTags).toEqual(["vip", "staff"]);
    expect(built.index.campaigns.map((c) => c.tags)).toEqual([[0], [1, 0]]);
  });

  it("leaves out the campaigns that do not fit in what Shopify gives a function", () => {
    const names = Array.from(
      { length: 5 },
      (_, i) => `${"A product with a long title ".repeat(3)}${i}`,
    );
    const many = Array.from({ length: 30 }, (_, i) =>
      campaign(`c${i}`, `C${i}-####`, { eligibleNames: names }),
    );
    const built = buildRejectionIndex(many);
    expect(Buffer.byteLength(built.json)).toBeLessThanOrEqual(MAX_RULES_BYTES);
    expect(built.leftOut.length).toBeGreaterThan(0);
    expect(built.listed[0]).toBe("c0");
    expect(built.listed.length + built.leftOut.length).toBe(30);
  });

  it("reads no index from a campaign's own rules or a malformed document", () => {
    expect(readIndex(rules("a"))).toBeNull();
    expect(readIndex({ kind: "codeRejections", v: 2 })).toBeNull();
    expect(readIndex("codeRejections")).toBeNull();
  });
});
