import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codeAt, listText, sortBlock, type CodeBlock } from "./code-block";

function blockOf(codes: string[]): CodeBlock {
  const length = codes[0]?.length ?? 1;
  return { length, count: codes.length, bytes: Buffer.from(codes.join(""), "latin1") };
}

const codesOf = (block: CodeBlock) =>
  Array.from({ length: block.count }, (_, i) => codeAt(block, i));

// Codes of one length over the given characters.
const sameLengthCodes = (characters: string) =>
  fc.integer({ min: 1, max: 9 }).chain((length) =>
    fc.array(
      fc.string({
        unit: fc.constantFrom(...characters.split("")),
        minLength: length,
        maxLength: length,
      }),
      { maxLength: 300 },
    ),
  );
// The characters codes may hold, plus lower case, which the sort must fold like the index does.
const mixedCase = sameLengthCodes("AZaz09-_MNmn");
const codeCharacters = sameLengthCodes("AZ09-_MN");

// SQLite's NOCASE: ASCII letters compared as lower case, everything else byte for byte.
const nocase = (a: string, b: string) => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

describe("code blocks", () => {
  it("sorts into the case-insensitive index's order, keeping every code", () => {
    fc.assert(
      fc.property(mixedCase, (codes) => {
        const sorted = codesOf(sortBlock(blockOf(codes)));
        expect(sorted.map((c) => c.toLowerCase())).toEqual(
          [...codes].sort(nocase).map((c) => c.toLowerCase()),
        );
        expect([...sorted].sort()).toEqual([...codes].sort());
      }),
    );
  });

  it("orders by every position, with fixed text in between", () => {
    const codes = ["VIP-B2-A", "VIP-A9-Z", "VIP-A2-Z", "VIP-A2-B"];
    expect(codesOf(sortBlock(blockOf(codes)))).toEqual([
      "VIP-A2-B",
      "VIP-A2-Z",
      "VIP-A9-Z",
      "VIP-B2-A",
    ]);
  });

  it("spells a block as JSON and as a PostgreSQL array literal", () => {
    fc.assert(
      fc.property(codeCharacters, (codes) => {
        const block = blockOf(codes);
        expect(JSON.parse(listText(block, "json"))).toEqual(codes);
        expect(listText(block, "postgres")).toBe(`{${codes.map((c) => `"${c}"`).join(",")}}`);
      }),
    );
  });

  it("refuses to spell a byte codes may not hold instead of quoting it wrongly", () => {
    expect(() => listText(blockOf(['AB"C']), "json")).toThrow(/AB"C/);
    expect(() => listText(blockOf(["AB\\C"]), "postgres")).toThrow(RangeError);
  });

  it("spells an empty block as an empty list", () => {
    const empty = blockOf([]);
    expect(listText(empty, "json")).toBe("[]");
    expect(listText(empty, "postgres")).toBe("{}");
  });
});
