import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { MAX_CODES_PER_SHOP, checkPlan, describeOdds, type PlanCode } from "./odds";

describe("describeOdds", () => {
  it("writes small odds exactly and large ones on a named scale", () => {
    expect(describeOdds(12_345n)).toBe("1 in 12,345");
    expect(describeOdds(999_999n)).toBe("1 in 999,999");
    expect(describeOdds(1_000_000n)).toBe("1 in 1 million");
    expect(describeOdds(4_294_967_296n)).toBe("1 in 4.2 billion");
    expect(describeOdds(3_100_000_000_000n)).toBe("1 in 3.1 trillion");
    expect(describeOdds(787_662_783_788n)).toBe("1 in 787.6 billion");
    expect(describeOdds(10n ** 33n)).toBe("1 in 1 decillion");
  });

  it("rounds down, so odds never look safer than they are", () => {
    expect(describeOdds(999_999_999n)).toBe("1 in 999.9 million");
    expect(describeOdds(1_099_999n)).toBe("1 in 1 million");
  });

  it("switches to powers of ten beyond decillions", () => {
    expect(describeOdds(55n * 10n ** 44n)).toBe("1 in 5.5 × 10^45");
  });
});

describe("checkPlan", () => {
  it("accepts a million codes of 12 random characters and says how unlikely a guess is", () => {
    const plan = checkPlan({ length: 12 }, 1_000_000);
    expect(plan).toMatchObject({ ok: true, odds: "1 in 787.6 billion" });
    expect(plan.ok && plan.warning).toBeFalsy();
  });

  it("refuses odds worse than 1 in a million, naming the shortest length that would do", () => {
    // 31^6 / 1,000 = 887,503 < 1,000,000; 31^7 / 1,000 = 27.5 million.
    const plan = checkPlan({ length: 6 }, 1_000);
    expect(plan).toMatchObject({ ok: false, code: "too_guessable", randomCharsNeeded: 7 });
    if (plan.ok) return;
    expect(plan.message).toContain("1 in 887,503");
    expect(plan.suggestion).toContain("Use 7 random characters");
    expect(plan.suggestion).toContain("With 9 random characters it would be 1 in 1 billion");
  });

  it("suggests how many # to add to a pattern", () => {
    const plan = checkPlan({ pattern: "VIP-####-X" }, 10);
    expect(plan).toMatchObject({ ok: false, randomCharsNeeded: 5 });
    expect(!plan.ok && plan.suggestion).toContain(
      "Add 1 more '#' to the pattern, for example VIP-#####-X",
    );
  });

  it("accepts but warns between 1 in a million and 1 in a billion", () => {
    // 31^8 / 1,000 = 852,891,037.
    const plan = checkPlan({ length: 8 }, 1_000);
    expect(plan).toMatchObject({ ok: true, odds: "1 in 852.8 million" });
    expect(plan.ok && plan.warning).toContain("Use 9 random characters");
  });

  it("refuses more codes than the format can make, with the reason", () => {
    const plan = checkPlan({ length: 2 }, 1_000);
    expect(plan).toMatchObject({ ok: false, code: "count_exceeds_space" });
    expect(!plan.ok && plan.message).toContain("only 961 different codes");
  });

  it("refuses filling a large share of the format, which would make minting slow", () => {
    const plan = checkPlan({ length: 3 }, 1_000);
    expect(plan).toMatchObject({ ok: false, code: "space_too_full" });
    expect(!plan.ok && plan.message).toContain("more than 1% of the 29,791 codes");
  });

  it("refuses a count that is not a whole number of at least 1", () => {
    for (const count of [0, -5, 1.5, Number.NaN]) {
      expect(checkPlan({ length: 12 }, count)).toMatchObject({
        ok: false,
        code: "count_invalid",
      });
    }
  });

  it("refuses more codes than a Shopify store holds", () => {
    expect(checkPlan({ length: 20 }, MAX_CODES_PER_SHOP + 1)).toMatchObject({
      ok: false,
      code: "count_over_shop_limit",
    });
  });

  it("passes the format's own errors through for the form's fields", () => {
    const plan = checkPlan({ length: 8, alphabet: "AA" }, 10);
    expect(plan).toMatchObject({ ok: false, code: "format_invalid" });
    expect(!plan.ok && plan.formatErrors?.[0]?.field).toBe("alphabet");
  });

  it("says when no legal length is safe because the fixed text is too long", () => {
    const plan = checkPlan({ prefix: "A".repeat(252), length: 3 }, 1);
    expect(plan).toMatchObject({ ok: false, code: "too_guessable" });
    expect(!plan.ok && plan.suggestion).toContain("shorten the fixed text");
    expect(!plan.ok && plan.randomCharsNeeded).toBeUndefined();
  });

  const lengths = fc.integer({ min: 1, max: 24 });
  const counts = fc.integer({ min: 1, max: MAX_CODES_PER_SHOP });

  it("never gets safer with more codes or less safe with longer codes", () => {
    fc.assert(
      fc.property(lengths, counts, counts, (length, a, b) => {
        const [fewer, more] = a <= b ? [a, b] : [b, a];
        const small = checkPlan({ length }, fewer);
        const large = checkPlan({ length }, more);
        if (large.ok) expect(small.ok).toBe(true);
        if (small.ok && large.ok) expect(small.oneIn >= large.oneIn).toBe(true);
        if (small.ok) expect(checkPlan({ length: length + 1 }, fewer).ok).toBe(true);
      }),
    );
  });

  it("suggests the shortest length that is accepted", () => {
    fc.assert(
      fc.property(lengths, counts, (length, count) => {
        const plan = checkPlan({ length }, count);
        if (plan.ok || plan.code === "count_over_shop_limit") return;
        const needed = plan.randomCharsNeeded as number;
        expect(checkPlan({ length: needed }, count).ok).toBe(true);
        expect(checkPlan({ length: needed - 1 }, count).ok).toBe(false);
      }),
    );
  });
});

describe("checkPlan over the shop's live codes", () => {
  const sixChars = { pattern: "######", alphabet: "23456789ABCDEFGHJKMNPQRSTUVWXYZ" };

  it("counts the shop's live codes of the same format in the odds", () => {
    expect(checkPlan({ length: 6 }, 800)).toMatchObject({ ok: true, sharedWith: 0 });
    const plan = checkPlan({ length: 6 }, 800, [{ ...sixChars, live: 800 }]);
    expect(plan).toMatchObject({ ok: false, code: "too_guessable" });
    if (!plan.ok)
      expect(plan.message).toContain(
        "1 in 554,689 (counting the store's 800 other live codes in the same code space)",
      );
  });

  it("leaves other spaces out: another length, or fixed text where this format is random", () => {
    const others = [
      { pattern: "#######", alphabet: sixChars.alphabet, live: 5000 },
      { pattern: "VIP######", alphabet: sixChars.alphabet, live: 5000 },
      // Fixed 'A' where this format draws from an alphabet holding it: inside this format's space.
      { pattern: "A#####", alphabet: "XY", live: 500 },
    ];
    const plan = checkPlan({ length: 6 }, 10, others);
    expect(plan).toMatchObject({ ok: true, sharedWith: 500 });
  });

  it("counts a narrower format's codes in a wider new format, and a wider format's when inside it", () => {
    const digits = { pattern: "########", alphabet: "23456789", live: 1000 };
    // 8 default characters hold every 8-digit code.
    expect(checkPlan({ length: 8 }, 10, [digits])).toMatchObject({ ok: true, sharedWith: 1000 });
    // New digit codes fall inside a shop's wider 8-character space: with 700,000 live codes there
    // 31^8 / 700,010 (1 in 1.2 million) is worse than 8^8 / 10 (1 in 1.6 million), so it counts.
    const narrow = { length: 8, alphabet: "23456789" };
    const wide = { pattern: "########", alphabet: sixChars.alphabet, live: 700_000 };
    expect(checkPlan(narrow, 10, [wide])).toMatchObject({
      sharedWith: 700_000,
      odds: "1 in 1.2 million",
    });
    expect(checkPlan(narrow, 10, [{ ...wide, live: 200_000 }])).toMatchObject({
      sharedWith: 0,
      odds: "1 in 1.6 million",
    });
  });

  it("refuses more codes than the store can hold with the ones it has", () => {
    const plan = checkPlan({ length: 12 }, 1_000_000, [{ ...sixChars, live: 19_500_000 }]);
    expect(plan).toMatchObject({ ok: false, code: "count_over_shop_limit" });
  });
});

describe("every refusal of checkPlan has its code and sentences", () => {
  const cases: Record<PlanCode, () => ReturnType<typeof checkPlan>> = {
    format_invalid: () => checkPlan({ length: 8, alphabet: "AA" }, 10),
    count_invalid: () => checkPlan({ length: 12 }, 0),
    count_over_shop_limit: () => checkPlan({ length: 20 }, MAX_CODES_PER_SHOP + 1),
    count_exceeds_space: () => checkPlan({ length: 2 }, 1_000),
    space_too_full: () => checkPlan({ length: 3 }, 1_000),
    too_guessable: () => checkPlan({ length: 6 }, 1_000),
  };
  it.each(Object.entries(cases))("%s", (code, plan) => {
    const result = plan();
    expect(result).toMatchObject({ ok: false, code });
    expect(!result.ok && result.message).toMatch(/^\S.*[.)]$/);
    expect(!result.ok && result.suggestion).toMatch(/^\S.*\.$/);
  });
});
