import { describe, expect, it } from "vitest";
import {
  validateRules,
  serializeRules,
  type CampaignRules,
  type Reward,
} from "@onecode/checkout-rules/rules";
import {
  documentFromState,
  emptyFormState,
  resourceIdsOf,
  stateFromRules,
  tagsFromText,
  type RulesFormState,
} from "./form-state";

const product = (n: number) => `gid://shopify/Product/${n}`;
const collection = (n: number) => `gid://shopify/Collection/${n}`;

function rulesWith(reward: Reward, more: Partial<CampaignRules> = {}): CampaignRules {
  return {
    v: 1,
    campaignId: "cmp_1",
    includeProductIds: [product(1), product(2)],
    excludeProductIds: [product(3)],
    includeCollectionIds: [collection(10)],
    excludeCollectionIds: [collection(11), collection(12)],
    requiredCustomerTags: ["vip", "wholesale"],
    excludedCustomerTags: ["staff"],
    minSubtotal: { amount: "49.99", eligibleOnly: true },
    firstOrderOnly: true,
    oncePerCustomer: true,
    boundKey: "0f".repeat(32),
    reward,
    customerTags: ["vip", "wholesale", "staff"],
    messages: { minimumSpend: "Spend {amount} more for the tote bag." },
    eligibleNames: [],
    ...more,
  };
}

const REWARDS: [string, Reward][] = [
  [
    "a percentage off the order",
    { kind: "amount", target: "order", value: { percent: 12.5 }, cap: "30" },
  ],
  [
    "an amount off eligible lines",
    { kind: "amount", target: "eligible", value: { amount: "7.50" }, cap: null },
  ],
  [
    "tiers mixing percentages and amounts",
    {
      kind: "tiered",
      target: "eligible",
      tiers: [
        { from: "50", value: { percent: 10 } },
        { from: "120", value: { amount: "25" } },
      ],
      cap: "40",
    },
  ],
  ["free shipping", { kind: "freeShipping" }],
  [
    "buy X get Y with its own products",
    {
      kind: "bxgy",
      buy: 3,
      get: 1,
      getProductIds: [product(4)],
      percent: 100,
      maxUses: 2,
      cap: null,
    },
  ],
  [
    "a bundle with an amount per bundle",
    {
      kind: "bundle",
      items: [
        { productId: product(5), quantity: 2 },
        { productId: product(6), quantity: 1 },
      ],
      value: { amount: "15" },
      maxUses: null,
      cap: "100",
    },
  ],
];

function parsed(state: RulesFormState, campaignId = "cmp_1") {
  return validateRules(documentFromState(state, campaignId));
}

describe("the rules editor's state and the rules document", () => {
  it("starts a new campaign at valid rules a guest can use: 10% off the order", () => {
    const result = serializeRules(documentFromState(emptyFormState(), "new"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rules).toMatchObject({
      minSubtotal: null,
      oncePerCustomer: false,
      firstOrderOnly: false,
      reward: { kind: "amount", target: "order", value: { percent: 10 }, cap: null },
    });
  });

  it.each(REWARDS)("gives back the same document after editing nothing: %s", (_name, reward) => {
    const rules = rulesWith(reward);
    expect(parsed(stateFromRules(rules))).toEqual({ ok: true, rules });
  });

  it("leaves blank messages to the defaults and names the bundle's products", () => {
    const state = stateFromRules(rulesWith(REWARDS[REWARDS.length - 1]![1]));
    state.messages = { signIn: "  ", minimumSpend: " Spend {amount} more. " };
    const titles = { [product(5)]: "Gift Box", [product(1)]: "Tee", [collection(10)]: "Summer" };
    expect(validateRules(documentFromState(state, "cmp_1", titles))).toMatchObject({
      ok: true,
      rules: {
        messages: { minimumSpend: "Spend {amount} more." },
        eligibleNames: ["Summer", "Tee"],
        reward: {
          kind: "bundle",
          items: [{ productId: product(5), name: "Gift Box" }, { productId: product(6) }],
        },
      },
    });
  });

  it("keeps the other rewards' inputs when the merchant switches reward and back", () => {
    const state = stateFromRules(rulesWith(REWARDS[2]![1]));
    const away = { ...state, reward: { ...state.reward, choice: "freeShipping" as const } };
    expect(parsed(away)).toMatchObject({ ok: true, rules: { reward: { kind: "freeShipping" } } });
    const back = { ...away, reward: { ...away.reward, choice: "tiered" as const } };
    expect(parsed(back)).toEqual(parsed(state));
  });

  it("turns blank optional inputs into no rule, and typed numbers into numbers", () => {
    const state = emptyFormState();
    state.minSubtotal = "  ";
    state.minEligibleOnly = true;
    state.reward = {
      ...state.reward,
      choice: "bxgy",
      buy: " 2 ",
      get: "1",
      getPercent: "50",
      maxUses: "",
      cap: " ",
    };
    expect(parsed(state)).toMatchObject({
      ok: true,
      rules: {
        minSubtotal: null,
        reward: { kind: "bxgy", buy: 2, get: 1, percent: 50, maxUses: null, cap: null },
      },
    });
  });

  it("passes what is not a number through, so the validator names the field", () => {
    const state = emptyFormState();
    state.minSubtotal = "ten";
    state.reward = {
      ...state.reward,
      choice: "tiered",
      tiers: [
        { from: "50", kind: "percent", value: "lots" },
        { from: "", kind: "amount", value: "5" },
      ],
    };
    const result = parsed(state);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.path)).toEqual([
      "minSubtotal.amount",
      "reward.tiers.0.value.percent",
      "reward.tiers.1.from",
    ]);
  });

  it("reads comma-separated tags the way Shopify's admin does", () => {
    expect(tagsFromText(" vip,wholesale , ,vip,")).toEqual(["vip", "wholesale"]);
    const state = { ...emptyFormState(), requiredTags: "vip, gold", excludedTags: "" };
    expect(parsed(state)).toMatchObject({
      ok: true,
      rules: { requiredCustomerTags: ["vip", "gold"], excludedCustomerTags: [] },
    });
  });

  it("writes the campaign id it is given and carries the bound-code key through", () => {
    const state = stateFromRules(rulesWith({ kind: "freeShipping" }));
    expect(parsed(state, "other-campaign")).toMatchObject({
      ok: true,
      rules: { campaignId: "other-campaign", boundKey: "0f".repeat(32) },
    });
  });

  it("lists every product and collection the rules name, once, for their titles", () => {
    const bundle = rulesWith(REWARDS[5]![1], { includeProductIds: [product(5)] });
    expect(resourceIdsOf(bundle)).toEqual([
      product(5),
      product(3),
      collection(10),
      collection(11),
      collection(12),
      product(6),
    ]);
    expect(resourceIdsOf(rulesWith(REWARDS[4]![1]))).toContain(product(4));
  });
});
