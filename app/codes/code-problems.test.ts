import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { MAX_CODE_LENGTH, codeProblems } from "./code-problems";

const reasons = (code: string) => codeProblems(code).map((p) => p.reason);

describe("codeProblems", () => {
  it("accepts letters, digits, '-' and '_' up to Shopify's 255 characters", () => {
    expect(codeProblems("VIP-AB12_X")).toEqual([]);
    expect(codeProblems("A".repeat(MAX_CODE_LENGTH))).toEqual([]);
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9_-]{1,255}$/), (code) => {
        expect(codeProblems(code)).toEqual([]);
      }),
    );
  });

  it("refuses an empty code", () => {
    expect(reasons("")).toEqual(["empty"]);
  });

  it("names each offending character, including invisible ones", () => {
    const [problem] = codeProblems("10%OFF NOW\u200b");
    expect(problem?.reason).toBe("invalid_characters");
    expect(problem?.message).toContain("'%'");
    expect(problem?.message).toContain("a space");
    expect(problem?.message).toContain("U+200B");
    expect(codeProblems("CAF\ufffd")[0]?.message).toContain("UTF-8");
  });

  it("refuses codes longer than 255 characters, with both reasons when both apply", () => {
    expect(reasons("A".repeat(256))).toEqual(["too_long"]);
    expect(codeProblems("A".repeat(300))[0]?.message).toContain("300 characters");
    expect(reasons(`${"A".repeat(256)}!`)).toEqual(["invalid_characters", "too_long"]);
  });
});
