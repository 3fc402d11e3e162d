import fc from "fast-check";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";

import { DEFAULT_ALPHABET, matchesFormat, parseFormat, type FormatInput } from "./format";
import { createCodeGenerator, systemRandom, type RandomSource } from "./generator";

function format(input: FormatInput) {
  const result = parseFormat(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.format;
}

// A reproducible, unbiased byte stream: SHA-256 of (seed, block number).
function seededRandom(seed: string): RandomSource {
  let block = 0;
  let buffered = new Uint8Array(0);
  let at = 0;
  return (target) => {
    for (let i = 0; i < target.length; i++) {
      if (at === buffered.length) {
        buffered = createHash("sha256").update(`${seed}:${block++}`).digest();
        at = 0;
      }
      target[i] = buffered[at++] as number;
    }
  };
}

// Replays fixed bytes, then fails: the test controls every byte the generator sees.
function scriptedRandom(bytes: number[]): RandomSource {
  let at = 0;
  return (target) => {
    for (let i = 0; i < target.length; i++) target[i] = bytes[at++] ?? 0;
  };
}

// Pearson's chi-square statistic of observed counts against a uniform expectation.
function chiSquare(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
}

// Chi-square critical value exceeded with probability 1e-6 by a uniform source
// (Wilson–Hilferty approximation; z = 4.753 is the standard normal's 1 - 1e-6 quantile).
function criticalValue(degreesOfFreedom: number): number {
  const k = degreesOfFreedom;
  return k * (1 - 2 / (9 * k) + 4.753 * Math.sqrt(2 / (9 * k))) ** 3;
}

function symbolCounts(codes: string[], alphabet: string, position?: number): number[] {
  const counts = new Array<number>(alphabet.length).fill(0);
  for (const code of codes) {
    const chars = position === undefined ? code : (code[position] as string);
    for (const ch of chars) counts[alphabet.indexOf(ch)]! += 1;
  }
  return counts;
}

describe("createCodeGenerator", () => {
  it("makes codes of the format's length and alphabet, literals in place", () => {
    const f = format({ pattern: "VIP-####-####" });
    const codes = createCodeGenerator(f).take(1000);
    expect(codes).toHaveLength(1000);
    for (const code of codes) expect(code).toMatch(/^VIP-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  });

  it("produces codes that match their format, for any valid format", () => {
    const alphabets = fc
      .uniqueArray(fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), { minLength: 2 })
      .map((chars) => chars.join(""));
    const patterns = fc
      .array(fc.constantFrom("#", "#", "A", "7", "-", "_"), { minLength: 1, maxLength: 30 })
      .map((parts) => `V${parts.join("")}#`);
    fc.assert(
      fc.property(alphabets, patterns, (alphabet, pattern) => {
        const f = format({ pattern, alphabet });
        for (const code of createCodeGenerator(f).take(20)) {
          expect(matchesFormat(f, code)).toBe(true);
        }
      }),
    );
  });

  it("is reproducible from an injected source, and differs between sources", () => {
    const f = format({ length: 12 });
    const a = createCodeGenerator(f, seededRandom("seed-1")).take(5);
    const again = createCodeGenerator(f, seededRandom("seed-1")).take(5);
    const other = createCodeGenerator(f, seededRandom("seed-2")).take(5);
    expect(again).toEqual(a);
    expect(other).not.toEqual(a);
  });

  it("packs into bytes exactly the codes it would give as strings", () => {
    const f = format({ pattern: "VIP-####-##" });
    const strings = createCodeGenerator(f, seededRandom("b")).take(500);
    const block = createCodeGenerator(f, seededRandom("b")).takeBlock(500);
    expect(block).toMatchObject({ length: 11, count: 500 });
    expect(Buffer.from(block.bytes).toString("latin1")).toBe(strings.join(""));
  });

  it("does not depend on how the codes are requested", () => {
    const f = format({ length: 10 });
    const inOneGo = createCodeGenerator(f, seededRandom("s")).take(20_000);
    const piecewise = createCodeGenerator(f, seededRandom("s"));
    const pieces = [piecewise.next(), ...piecewise.take(9_999), ...piecewise.take(10_000)];
    expect(pieces).toEqual(inOneGo);
  });

  it("throws away bytes that would bias the draw (rejection sampling)", () => {
    // 31 characters: bytes 248..255 are the 256 % 31 = 8 surplus values and must be skipped.
    const f = format({ length: 3 });
    const code = createCodeGenerator(f, scriptedRandom([255, 248, 3, 247, 31])).next();
    expect(code).toBe(`${DEFAULT_ALPHABET[3]}${DEFAULT_ALPHABET[247 % 31]}${DEFAULT_ALPHABET[0]}`);
  });

  it("returns nothing for a count of 0", () => {
    expect(createCodeGenerator(format({ length: 8 })).take(0)).toEqual([]);
  });

  it("does not repeat codes from the system CSPRNG (100,000 codes of 12 characters)", () => {
    // P(any repeat) ≈ n² / 2S = 1e10 / 1.6e18 ≈ 6e-9.
    const codes = createCodeGenerator(format({ length: 12 })).take(100_000);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe("uniformity (chi-square, false alarm rate 1e-6 per check)", () => {
  const f = format({ length: 10 });
  const critical = criticalValue(f.alphabet.length - 1);

  it("draws every character equally often from the system CSPRNG, overall and per position", () => {
    const codes = createCodeGenerator(f, systemRandom).take(31_000);
    expect(chiSquare(symbolCounts(codes, f.alphabet))).toBeLessThan(critical);
    for (let position = 0; position < f.length; position++) {
      expect(chiSquare(symbolCounts(codes, f.alphabet, position))).toBeLessThan(critical);
    }
  });

  it("catches a biased random source", () => {
    // Each byte is the smaller of two random bytes: low values come up more often.
    const skewed: RandomSource = (target) => {
      const pairs = new Uint8Array(target.length * 2);
      systemRandom(pairs);
      for (let i = 0; i < target.length; i++) {
        target[i] = Math.min(pairs[2 * i] as number, pairs[2 * i + 1] as number);
      }
    };
    const codes = createCodeGenerator(f, skewed).take(31_000);
    expect(chiSquare(symbolCounts(codes, f.alphabet))).toBeGreaterThan(critical);
  });

  it("catches the modulo bias that rejection sampling prevents", () => {
    const bytes = new Uint8Array(310_000);
    systemRandom(bytes);
    const naive = Array.from(bytes, (b) => f.alphabet[b % f.alphabet.length] as string);
    expect(chiSquare(symbolCounts(naive, f.alphabet))).toBeGreaterThan(critical);

    const fair = createCodeGenerator(f, systemRandom).take(31_000);
    expect(chiSquare(symbolCounts(fair, f.alphabet))).toBeLessThan(critical);
  });
});

describe("drawing in key order (keyOrdered)", () => {
  const decode = (bytes: Uint8Array, length: number) =>
    Buffer.from(bytes)
      .toString("latin1")
      .match(new RegExp(`.{${length}}`, "g")) ?? [];

  it("gives the codes planned, each block after the one before (but for the range both share)", () => {
    const f = format({ pattern: "VIP-####-####" });
    const draw = createCodeGenerator(f, seededRandom("k")).keyOrdered(20_000, 100);
    const blocks = [7_000, 1, 5_999, 7_000].map((n) => decode(draw.take(n).bytes, f.length));
    expect(blocks.map((b) => b.length)).toEqual([7_000, 1, 5_999, 7_000]);
    for (const block of blocks) for (const code of block) expect(matchesFormat(f, code)).toBe(true);
    // 20,000 codes in ranges of about 100 need two leading characters (961 ranges of ~21):
    // "VIP-" and those two are the range.
    const range = (code: string) => code.slice(0, 6);
    for (let i = 1; i < blocks.length; i++) {
      const previousMax = [...blocks[i - 1]!].sort().at(-1)!;
      const currentMin = [...blocks[i]!].sort()[0]!;
      expect(range(previousMax) <= range(currentMin)).toBe(true);
    }
    // Blocks of thousands span many ranges, so they are really ordered, not all in one range.
    expect(new Set(blocks[0]!.map(range)).size).toBeGreaterThan(100);
    expect(new Set(blocks.flat()).size).toBe(20_000);
  });

  it("keeps drawing plain random codes once the planned ones are taken", () => {
    const f = format({ length: 8 });
    const draw = createCodeGenerator(f, seededRandom("p")).keyOrdered(10, 1);
    expect(decode(draw.take(10).bytes, 8)).toHaveLength(10);
    const extra = decode(draw.take(50).bytes, 8);
    expect(extra).toHaveLength(50);
    // In no order: 50 random codes are all but certain not to come out sorted.
    expect(extra).not.toEqual([...extra].sort());
  });

  it("draws every character equally often, leading ones included (chi-square)", () => {
    const f = format({ length: 10 });
    const critical = criticalValue(f.alphabet.length - 1);
    // 31,000 codes in ranges of ~100: the first two characters are planned, the rest drawn.
    const draw = createCodeGenerator(f, systemRandom).keyOrdered(31_000, 100);
    const codes = decode(draw.take(31_000).bytes, f.length);
    for (let position = 0; position < f.length; position++) {
      expect(chiSquare(symbolCounts(codes, f.alphabet, position))).toBeLessThan(critical);
    }
    // Pairs of leading characters too (961 ranges, about 32 codes each).
    const pairs = new Map<string, number>();
    for (const code of codes) pairs.set(code.slice(0, 2), (pairs.get(code.slice(0, 2)) ?? 0) + 1);
    const pairCounts = [...f.alphabet].flatMap((a) =>
      [...f.alphabet].map((b) => pairs.get(a + b) ?? 0),
    );
    expect(chiSquare(pairCounts)).toBeLessThan(criticalValue(pairCounts.length - 1));
  });
});
