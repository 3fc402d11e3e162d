import { describe, expect, it } from "vitest";
import { checkBoundPlan, TAG_SPACE, type BoundPlanCode } from "./bound-odds";
import { checkPlan } from "../codes/odds";

describe("odds of bound codes", () => {
  it("count the tag as 8 characters a guesser cannot predict", () => {
    const plan = checkBoundPlan({ length: 8 }, 1_000);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.oneIn).toBe((31n ** 8n * TAG_SPACE) / 1_000n);
    expect(plan.odds).toBe("1 in 937.7 quintillion");
  });

  it("allow a random part too short for unbound codes, since the tag carries the odds", () => {
    expect(checkPlan({ length: 3 }, 10_000).ok).toBe(false);
    expect(checkBoundPlan({ length: 3 }, 10_000)).toMatchObject({ ok: true });
  });

  it("still refuse a guessable whole code", () => {
    const plan = checkBoundPlan({ length: 1, alphabet: "AB" }, 5_000_000);
    expect(plan).toMatchObject({ ok: false, field: "format", message: /1 in 1 million/ });
  });

  it("refuse codes that the tag would make longer than Shopify accepts", () => {
    expect(checkBoundPlan({ length: 250 }, 1)).toMatchObject({
      ok: false,
      field: "format",
      message: /at most 255/,
    });
    expect(checkBoundPlan({ length: 246 }, 1)).toMatchObject({ ok: true });
  });

  it("need at least one customer", () => {
    expect(checkBoundPlan({ length: 8 }, 0)).toMatchObject({ ok: false, field: "customers" });
  });

  it.each([
    ["format_invalid", () => checkBoundPlan({}, 1)],
    ["code_too_long", () => checkBoundPlan({ length: 250 }, 1)],
    ["no_customers", () => checkBoundPlan({ length: 8 }, 0)],
    ["over_shop_limit", () => checkBoundPlan({ length: 8 }, 20_000_001)],
    ["odds_too_weak", () => checkBoundPlan({ length: 1, alphabet: "AB" }, 5_000_000)],
  ] satisfies [BoundPlanCode, () => unknown][])("answers %s", (code, check) => {
    expect(check()).toMatchObject({ ok: false, code, message: expect.stringMatching(/^\S.*\.$/) });
  });
});
