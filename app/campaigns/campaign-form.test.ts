import { describe, expect, it } from "vitest";
import { parseCampaignForm, type CampaignFormCode } from "./campaign-form";
import { readRules } from "@onecode/checkout-rules/rules";

const rules = {
  v: 1,
  campaignId: "from-the-browser",
  excludeCollectionIds: ["gid://shopify/Collection/7"],
  oncePerCustomer: true,
  boundKey: "ab".repeat(32),
  reward: {
    kind: "tiered",
    target: "order",
    tiers: [
      { from: "50", value: { percent: 10 } },
      { from: "100", value: { amount: "25" } },
    ],
  },
};

function form(overrides: Record<string, string> = {}): FormData {
  const data = new FormData();
  const fields = {
    name: "Spring affiliates",
    startsAt: "2026-12-01T09:00",
    endsAt: "2026-12-31T23:59",
    count: "10,000",
    formatMode: "length",
    length: "12",
    prefix: "SPRING-",
    rules: JSON.stringify(rules),
    ...overrides,
  };
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

describe("the campaign create form", () => {
  it("turns a valid form into a campaign with validated rules and its odds in words", () => {
    const result = parseCampaignForm(form(), "camp-1");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.campaign).toMatchObject({
      id: "camp-1",
      name: "Spring affiliates",
      count: 10_000,
    });
    expect(result.campaign.format).toEqual({
      length: 12,
      prefix: "SPRING-",
      suffix: undefined,
      alphabet: undefined,
    });
    expect(result.campaign.oddsInWords).toMatch(/billion|trillion|quadrillion/);
    const stored = readRules(JSON.parse(result.campaign.rulesJson));
    expect(stored).toMatchObject({
      excludeCollectionIds: ["gid://shopify/Collection/7"],
      oncePerCustomer: true,
      reward: {
        kind: "tiered",
        tiers: [
          { from: "50", value: { percent: 10 } },
          { from: "100", value: { amount: "25" } },
        ],
        cap: null,
      },
    });
  });

  it("sets the campaign id and bound-code key itself, whatever the browser sent", () => {
    const result = parseCampaignForm(form(), "camp-server");
    if (!result.ok) throw new Error(JSON.stringify(result));
    const stored = readRules(JSON.parse(result.campaign.rulesJson));
    expect(stored?.campaignId).toBe("camp-server");
    expect(stored?.boundKey).toBeNull();
  });

  it("refuses a code space that makes guessing too easy and names the length that would do", () => {
    const result = parseCampaignForm(form({ length: "4" }), "camp-2");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.format).toMatch(/random characters/i);
  });

  it("refuses more codes than the format can hold", () => {
    const result = parseCampaignForm(form({ length: "2", count: "5000" }), "camp-3");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.format).toBeTruthy();
  });

  it("reports each bad field in words, and the rules' errors by path, in one answer", () => {
    const badRules = JSON.stringify({
      ...rules,
      minSubtotal: { amount: "ten", eligibleOnly: false },
      reward: { kind: "amount", target: "order", value: { percent: 150 } },
    });
    const result = parseCampaignForm(form({ name: " ", rules: badRules }), "camp-4");
    expect(result).toEqual({
      ok: false,
      code: "invalid_form",
      message: "Correct the fields marked in the form.",
      errors: { name: "Give the campaign a name" },
      ruleErrors: [
        {
          path: "minSubtotal.amount",
          message: 'Expected a positive amount such as "10" or "10.50".',
        },
        { path: "reward.value.percent", message: "Expected a percentage above 0 and at most 100." },
      ],
    });
    const second = parseCampaignForm(form({ endsAt: "2026-11-01T00:00" }), "c");
    expect(second).toEqual({
      ok: false,
      code: "invalid_form",
      message: "Correct the fields marked in the form.",
      errors: { endsAt: "The end must come after the start" },
      ruleErrors: [],
    });
  });

  it("says so when the rules field is missing or unreadable", () => {
    for (const raw of ["", "{not json", "[1,2]"]) {
      const result = parseCampaignForm(form({ rules: raw }), "camp-5");
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.ruleErrors).toHaveLength(1);
      expect(result.ruleErrors[0]?.path).toBe("");
      expect(result.ruleErrors[0]?.message).toMatch(/Reload the page/);
    }
  });
});

describe("the create form for customer-bound codes", () => {
  const KEY = "c3".repeat(32);
  const bound = (overrides: Record<string, string> = {}) =>
    form({ audience: "customers", count: "", length: "4", ...overrides });

  it("gives the campaign the server's key (never its rules), whatever the browser sent, and counts the customers", () => {
    const result = parseCampaignForm(bound(), "camp-b", { key: KEY, customers: 250 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.campaign).toMatchObject({ audience: "customers", count: 250 });
    expect(result.campaign.bindingKey).toBe(KEY);
    expect(readRules(JSON.parse(result.campaign.rulesJson))?.boundKey).toBeNull();
  });

  it("never binds the codes of an ordinary campaign", () => {
    const result = parseCampaignForm(form(), "camp-a", { key: KEY, customers: 3 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.campaign).toMatchObject({ audience: "anyone", count: 10_000, bindingKey: null });
    expect(readRules(JSON.parse(result.campaign.rulesJson))?.boundKey).toBeNull();
  });

  it("is not valid while the customer list is not", () => {
    const result = parseCampaignForm(bound(), "camp-c", { key: KEY, customers: null });
    expect(result).toMatchObject({ ok: false, errors: { customers: expect.any(String) } });
  });

  it("refuses a format too long once the tag is added", () => {
    const result = parseCampaignForm(bound({ length: "240" }), "camp-d", {
      key: KEY,
      customers: 1,
    });
    expect(result).toMatchObject({ ok: false, errors: { format: expect.stringMatching(/255/) } });
  });

  it("cannot be parsed without the server's key", () => {
    expect(() => parseCampaignForm(bound(), "camp-e")).toThrow(/key/);
  });
});

describe("failure codes", () => {
  it.each([["invalid_form", () => form({ name: "" })]] satisfies [
    CampaignFormCode,
    () => FormData,
  ][])("the form answers %s", (code, data) => {
    expect(parseCampaignForm(data(), "camp-f")).toMatchObject({
      ok: false,
      code,
      message: "Correct the fields marked in the form.",
    });
  });
});
