import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  discountClassesFor,
  validateRules,
  readRules,
  serializeRules,
  type CampaignRules,
  type RulesCode,
} from "./rules";

const minimal = {
  v: 1,
  campaignId: "cmp_1",
  reward: { kind: "amount", target: "order", value: { percent: 10 } },
};

function errorsOf(value: unknown) {
  const result = validateRules(value);
  return result.ok ? [] : result.errors;
}

describe("validateRules", () => {
  it("fills every optional rule so no input-query variable is ever null", () => {
    const result = validateRules(minimal);
    expect(result).toEqual({
      ok: true,
      rules: {
        ...minimal,
        includeProductIds: [],
        excludeProductIds: [],
        includeCollectionIds: [],
        excludeCollectionIds: [],
        requiredCustomerTags: [],
        excludedCustomerTags: [],
        minSubtotal: null,
        firstOrderOnly: false,
        oncePerCustomer: false,
        boundKey: null,
        reward: { kind: "amount", target: "order", value: { percent: 10 }, cap: null },
        customerTags: [],
        messages: {},
        eligibleNames: [],
      },
    });
  });

  it("derives the customerTags variable: the required tags, then the excluded ones", () => {
    const result = validateRules({
      ...minimal,
      requiredCustomerTags: ["vip", "gold"],
      excludedCustomerTags: ["staff"],
    });
    expect(result.ok && result.rules.customerTags).toEqual(["vip", "gold", "staff"]);
    expect(
      errorsOf({ ...minimal, requiredCustomerTags: ["vip"], customerTags: ["staff", "vip"] }),
    ).toEqual([
      {
        path: "customerTags",
        message: "Expected the required tags followed by the excluded tags.",
      },
    ]);
    expect(
      errorsOf({ ...minimal, requiredCustomerTags: ["VIP"], excludedCustomerTags: ["vip"] }),
    ).toEqual([
      { path: "excludedCustomerTags", message: '"vip" cannot be both required and excluded.' },
    ]);
  });

  it("keeps the merchant's messages and refuses ones the shopper could not read", () => {
    const ok = validateRules({
      ...minimal,
      messages: { minimumSpend: "Spend {amount} more for the tote bag.", signIn: "Log in first." },
    });
    expect(ok.ok && ok.rules.messages).toEqual({
      minimumSpend: "Spend {amount} more for the tote bag.",
      signIn: "Log in first.",
    });
    expect(
      errorsOf({
        ...minimal,
        messages: {
          signIn: "Hello {name}",
          minimumSpend: "x".repeat(151),
          alreadyUsed: "line one\nline two",
          customerTag: " ",
          tooLate: "?",
        },
      }),
    ).toEqual([
      { path: "messages.tooLate", message: 'Unknown field "tooLate".' },
      {
        path: "messages.signIn",
        message: 'Nothing is filled in for this message; remove "{name}".',
      },
      { path: "messages.alreadyUsed", message: "Use one line of plain text." },
      {
        path: "messages.customerTag",
        message: "Write a message, or leave it out to use the default.",
      },
      {
        path: "messages.minimumSpend",
        message: "Keep it to 150 characters; this one has 151.",
      },
    ]);
  });

  it("refuses an unknown version with a message naming it", () => {
    expect(errorsOf({ ...minimal, v: 2 })).toEqual([
      { path: "v", message: "Unsupported rules version 2; this build reads version 1." },
    ]);
  });

  it("names the path of each bad value", () => {
    const errors = errorsOf({
      ...minimal,
      includeProductIds: ["gid://shopify/Collection/1"],
      requiredCustomerTags: ["vip,gold"],
      minSubtotal: { amount: "-5" },
      colour: "red",
      reward: { kind: "tiered", target: "order", tiers: [{ from: "50", value: { percent: 150 } }] },
    });
    expect(errors.map((error) => error.path)).toEqual([
      "colour",
      "includeProductIds.0",
      "requiredCustomerTags.0",
      "minSubtotal.amount",
      "reward.tiers.0.value.percent",
    ]);
  });

  it("wants exactly one of percent and amount", () => {
    const value = { percent: 10, amount: "5" };
    expect(errorsOf({ ...minimal, reward: { kind: "amount", target: "order", value } })).toEqual([
      { path: "reward.value", message: 'Give exactly one of "percent" or "amount".' },
    ]);
  });

  it("accepts every reward kind", () => {
    const rewards = [
      { kind: "freeShipping" },
      {
        kind: "tiered",
        target: "eligible",
        tiers: [{ from: "100", value: { amount: "10" } }],
        cap: "50",
      },
      {
        kind: "bxgy",
        buy: 2,
        get: 1,
        getProductIds: ["gid://shopify/Product/9"],
        percent: 100,
        maxUses: 3,
      },
      {
        kind: "bundle",
        items: [
          { productId: "gid://shopify/Product/1", quantity: 1 },
          { productId: "gid://shopify/Product/2", quantity: 2 },
        ],
        value: { amount: "5" },
      },
    ];
    for (const reward of rewards) expect(errorsOf({ ...minimal, reward })).toEqual([]);
  });

  it("refuses a bundle that lists a product twice", () => {
    const item = { productId: "gid://shopify/Product/1", quantity: 1 };
    const reward = { kind: "bundle", items: [item, item], value: { percent: 10 } };
    expect(errorsOf({ ...minimal, reward }).map((error) => error.path)).toEqual([
      "reward.items.1.productId",
    ]);
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(() => readRules(value)).not.toThrow();
        expect(() => readRules({ ...minimal, reward: value })).not.toThrow();
      }),
    );
  });
});

describe("serializeRules", () => {
  it("writes the normalised document", () => {
    const result = serializeRules(minimal);
    expect(result.ok && JSON.parse(result.json)).toEqual(result.ok && result.rules);
  });

  it("refuses a document over Shopify's 10 kB metafield limit for functions", () => {
    const ids = (type: string) =>
      Array.from({ length: 100 }, (_, i) => `gid://shopify/${type}/${1e12 + i}`);
    const result = serializeRules({
      ...minimal,
      includeProductIds: ids("Product"),
      excludeProductIds: ids("Product"),
      includeCollectionIds: ids("Collection"),
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]?.message).toMatch(/at most 10000/);
  });
});

describe("discountClassesFor", () => {
  const withReward = (reward: unknown) => readRules({ ...minimal, reward }) as CampaignRules;

  it("gives the class each reward acts in", () => {
    expect(discountClassesFor(withReward(minimal.reward))).toEqual(["ORDER"]);
    expect(
      discountClassesFor(withReward({ kind: "amount", target: "eligible", value: { percent: 5 } })),
    ).toEqual(["PRODUCT"]);
    expect(discountClassesFor(withReward({ kind: "freeShipping" }))).toEqual(["SHIPPING"]);
  });
});

describe("every refusal of a rules document has its code", () => {
  const ids = (type: string) =>
    Array.from({ length: 100 }, (_, i) => `gid://shopify/${type}/${1e12 + i}`);
  const large = {
    ...minimal,
    includeProductIds: ids("Product"),
    excludeProductIds: ids("Product"),
    includeCollectionIds: ids("Collection"),
  };
  const cases: Record<RulesCode, [unknown, string]> = {
    invalid_rules: [{ ...minimal, firstOrderOnly: "yes" }, "The rules are not valid."],
    unsupported_version: [
      { ...minimal, v: 2 },
      "Unsupported rules version 2; this build reads version 1.",
    ],
    too_large: [large, "The rules take"],
  };
  it.each(Object.entries(cases))("%s", (code, [document, message]) => {
    const result = serializeRules(document);
    expect(result).toMatchObject({ ok: false, code });
    expect(!result.ok && result.message).toContain(message);
    expect(!result.ok && result.errors.length).toBeGreaterThan(0);
  });
});
