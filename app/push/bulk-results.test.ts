import { describe, expect, it } from "vitest";
import { failedCodeVerdicts } from "./bulk-results";

describe("per-code results of a bulk creation", () => {
  it("tells a code taken elsewhere in the shop from a code Shopify will never accept", () => {
    const verdicts = failedCodeVerdicts([
      { code: "GOOD1", errors: [] },
      {
        code: "Dup-1",
        errors: [{ message: "must be unique. Please try a different code.", code: null }],
      },
      { code: "X".repeat(256), errors: [{ message: "is too long (maximum is 255 characters)" }] },
    ]);
    expect([...verdicts]).toEqual([
      ["dup-1", { kind: "taken", message: "must be unique. Please try a different code." }],
      ["x".repeat(256), { kind: "invalid", message: "is too long (maximum is 255 characters)" }],
    ]);
  });

  it("treats a TAKEN error code as taken whatever the wording", () => {
    const verdicts = failedCodeVerdicts([
      { code: "A", errors: [{ message: "Code has already been used", code: "TAKEN" }] },
    ]);
    expect(verdicts.get("a")?.kind).toBe("taken");
  });
});
