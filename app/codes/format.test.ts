import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { DEFAULT_ALPHABET, matchesFormat, parseFormat, type FormatInput } from "./format";

function format(input: FormatInput) {
  const result = parseFormat(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.format;
}

function errors(input: FormatInput) {
  const result = parseFormat(input);
  if (result.ok) throw new Error(`expected errors for ${JSON.stringify(input)}`);
  return result.errors;
}

describe("parseFormat", () => {
  it("defaults to 31 unambiguous characters: no 0/O, no 1/I/L", () => {
    const f = format({ length: 12 });
    expect(f.alphabet).toBe(DEFAULT_ALPHABET);
    expect(new Set(f.alphabet).size).toBe(31);
    for (const lookAlike of "0O1IL") expect(f.alphabet).not.toContain(lookAlike);
    expect(f.pattern).toBe("############");
    expect(f.space).toBe(31n ** 12n);
  });

  it("compiles length with prefix and suffix to a pattern, upper-casing the fixed text", () => {
    const f = format({ prefix: "vip-", length: 8, suffix: "_x" });
    expect(f).toMatchObject({ pattern: "VIP-########_X", length: 14, randomChars: 8 });
    expect(f.space).toBe(31n ** 8n);
  });

  it("reads a pattern: each # is random, everything else literal", () => {
    const f = format({ pattern: "vip-####-####", alphabet: "abcd" });
    expect(f).toMatchObject({ pattern: "VIP-####-####", alphabet: "ABCD", randomChars: 8 });
    expect(f.space).toBe(4n ** 8n);
  });

  it("computes the space exactly beyond floating point", () => {
    expect(format({ length: 40 }).space).toBe(31n ** 40n);
  });

  it("refuses an empty, one-character or repeated alphabet", () => {
    expect(errors({ length: 8, alphabet: "" }).map((e) => e.code)).toEqual(["ALPHABET_EMPTY"]);
    expect(errors({ length: 8, alphabet: "A" }).map((e) => e.code)).toEqual(["ALPHABET_TOO_SMALL"]);
    const [repeat] = errors({ length: 8, alphabet: "ABCA" });
    expect(repeat).toMatchObject({ code: "ALPHABET_DUPLICATE", field: "alphabet" });
    expect(repeat?.message).toContain("'A' appears more than once");
  });

  it("names a repeated character once, however often it repeats", () => {
    const [repeat] = errors({ length: 8, alphabet: "AAAA" });
    expect(repeat?.message.split("'A' appears more than once")).toHaveLength(2);
  });

  it("treats two case variants of a letter as a duplicate, since codes are case-insensitive", () => {
    const [variant] = errors({ length: 8, alphabet: "aBcA" });
    expect(variant?.code).toBe("ALPHABET_DUPLICATE");
    expect(variant?.message).toContain("'a' and 'A' are the same character");
  });

  it("allows only letters and digits in the alphabet", () => {
    const [bad] = errors({ length: 8, alphabet: "AB-C é" });
    expect(bad?.code).toBe("ALPHABET_INVALID_CHARACTER");
    expect(bad?.message).toContain("'-'");
    expect(bad?.message).toContain("a space");
    expect(bad?.message).toContain("'é'");
  });

  it("refuses characters Shopify links and checkouts mangle, naming the field", () => {
    expect(errors({ pattern: "10%-####" })[0]).toMatchObject({
      code: "INVALID_CHARACTER",
      field: "pattern",
    });
    expect(errors({ prefix: "VIP ", length: 8 })[0]).toMatchObject({ field: "prefix" });
    expect(errors({ suffix: "/X", length: 8 })[0]).toMatchObject({ field: "suffix" });
    expect(errors({ prefix: "#", length: 8 })[0]?.code).toBe("INVALID_CHARACTER");
  });

  it("explains that no escape is needed when a backslash is used", () => {
    expect(errors({ pattern: "A\\#-####" })[0]?.message).toContain("No escaping is needed");
  });

  it("needs at least one random character in a pattern", () => {
    expect(errors({ pattern: "SUMMER" })[0]?.code).toBe("NO_RANDOM_CHARACTERS");
    expect(errors({ pattern: "" })[0]?.code).toBe("NO_RANDOM_CHARACTERS");
  });

  it("refuses a length that is not a whole number of at least 1", () => {
    for (const length of [0, -3, 2.5, Number.NaN]) {
      expect(errors({ length })[0]?.code).toBe("LENGTH_NOT_WHOLE_NUMBER");
    }
  });

  it("wants exactly one of length and pattern, and no prefix beside a pattern", () => {
    expect(errors({})[0]?.code).toBe("LENGTH_OR_PATTERN_REQUIRED");
    expect(errors({ length: 8, pattern: "####" })[0]?.code).toBe("LENGTH_AND_PATTERN");
    expect(errors({ pattern: "####", prefix: "A" })[0]?.code).toBe("LENGTH_AND_PATTERN");
  });

  it("refuses codes longer than Shopify's 255 characters", () => {
    expect(errors({ prefix: "A".repeat(10), length: 246 })[0]).toMatchObject({ code: "TOO_LONG" });
    expect(errors({ pattern: "#".repeat(256) })[0]?.message).toContain("256 characters");
    expect(parseFormat({ prefix: "A".repeat(10), length: 245 }).ok).toBe(true);
  });

  it("refuses a leading '-', which spreadsheets read as a formula", () => {
    expect(errors({ prefix: "-VIP", length: 8 })[0]?.code).toBe("LEADING_HYPHEN");
    expect(errors({ pattern: "-####" })[0]?.code).toBe("LEADING_HYPHEN");
    expect(parseFormat({ pattern: "VIP-####-" }).ok).toBe(true);
  });

  it("reports every problem at once", () => {
    const fields = errors({ pattern: "A B", alphabet: "AA" }).map((e) => e.field);
    expect(fields).toEqual(["alphabet", "pattern"]);
  });

  it("has a space of alphabet^random characters for any valid length form", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{0,5}$/),
        fc.integer({ min: 1, max: 60 }),
        fc.stringMatching(/^[A-Z0-9_-]{0,5}$/),
        (prefix, length, suffix) => {
          const f = format({ prefix, length, suffix });
          expect(f.length).toBe(prefix.length + length + suffix.length);
          expect(f.space).toBe(31n ** BigInt(length));
        },
      ),
    );
  });
});

describe("matchesFormat", () => {
  const f = format({ pattern: "VIP-##", alphabet: "AB" });

  it("accepts exactly the codes the format can produce", () => {
    expect(["VIP-AA", "VIP-AB", "VIP-BA", "VIP-BB"].every((c) => matchesFormat(f, c))).toBe(true);
    expect(matchesFormat(f, "VIP-AC")).toBe(false);
    expect(matchesFormat(f, "VIP_AA")).toBe(false);
    expect(matchesFormat(f, "VIP-AAA")).toBe(false);
  });
});

describe("a refused format", () => {
  it.each([["invalid_format", { length: 8, alphabet: "AA" }]] as const)(
    "%s: one sentence of every problem, and the problems by field",
    (code, input) => {
      const result = parseFormat(input);
      expect(result).toMatchObject({ ok: false, code });
      if (result.ok) return;
      expect(result.errors.length).toBeGreaterThan(0);
      expect(result.message).toBe(result.errors.map((e) => e.message).join(" "));
    },
  );
});
