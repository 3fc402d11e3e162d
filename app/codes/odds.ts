// Guessing odds: with N live codes (the shop's in the same space included, decision 007) in a
// space of S, a random guess succeeds 1 in S/N; formats that make guessing too easy are refused.

import {
  RANDOM_PLACEHOLDER,
  parseFormat,
  type CodeFormat,
  type FormatError,
  type FormatInput,
} from "./format";
import { MAX_CODE_LENGTH } from "./code-problems";
import type { Result } from "../result";

/** Refuse when a guess is likelier than 1 in this. */
export const REFUSE_BELOW_ONE_IN = 1_000_000n;
/** Warn when a guess is likelier than 1 in this. */
export const WARN_BELOW_ONE_IN = 1_000_000_000n;
/** Refuse counts above S / this: a fuller space makes minting slow (decision 007). */
export const MAX_FILL_DIVISOR = 100n;
/** Codes per Shopify store, as bulk-code apps report it (decision 007). */
export const MAX_CODES_PER_SHOP = 20_000_000;

export type PlanCode =
  | "format_invalid"
  | "count_invalid"
  | "count_over_shop_limit"
  | "count_exceeds_space"
  | "space_too_full"
  | "too_guessable";

/** A shop's live codes of one format, as shop-codes.server.ts reads them. */
export interface LiveCodes {
  pattern: string;
  alphabet: string;
  live: number;
}

export type PlanResult = Result<
  {
    format: CodeFormat;
    oneIn: bigint;
    odds: string;
    warning?: string;
    /** The shop's live codes already in this space, counted in the odds. */
    sharedWith: number;
  },
  PlanCode,
  {
    suggestion: string;
    /** Set for format_invalid: one entry per field problem, for the form. */
    formatErrors?: FormatError[];
    /** Fewest random characters that would be accepted, when some number would. */
    randomCharsNeeded?: number;
  }
>;

/** Checks a format and a count together: valid, and a guess at most 1 in 1,000,000. */
export function checkPlan(
  input: FormatInput,
  count: number,
  shopCodes: readonly LiveCodes[] = [],
): PlanResult {
  const parsed = parseFormat(input);
  if (!parsed.ok) {
    return {
      ok: false,
      code: "format_invalid",
      message: parsed.errors.map((e) => e.message).join(" "),
      suggestion: "For example: 12 random characters, or a pattern such as VIP-####-####-####.",
      formatErrors: parsed.errors,
    };
  }
  const format = parsed.format;
  if (!Number.isSafeInteger(count) || count < 1) {
    return {
      ok: false,
      code: "count_invalid",
      message: "The number of codes must be a whole number, at least 1.",
      suggestion: "Enter how many codes to create, for example 10,000.",
    };
  }
  if (count > MAX_CODES_PER_SHOP) {
    return {
      ok: false,
      code: "count_over_shop_limit",
      message: `A Shopify store holds at most ${fmt(BigInt(MAX_CODES_PER_SHOP))} discount codes; you asked for ${fmt(BigInt(count))}.`,
      suggestion: `Create at most ${fmt(BigInt(MAX_CODES_PER_SHOP))} codes.`,
    };
  }
  const shopTotal = shopCodes.reduce((sum, c) => sum + c.live, 0);
  if (count + shopTotal > MAX_CODES_PER_SHOP) {
    return {
      ok: false,
      code: "count_over_shop_limit",
      message: `A Shopify store holds at most ${fmt(BigInt(MAX_CODES_PER_SHOP))} discount codes; the store has ${fmt(BigInt(shopTotal))} live codes and you asked for ${fmt(BigInt(count))} more.`,
      suggestion: `Create at most ${fmt(BigInt(Math.max(0, MAX_CODES_PER_SHOP - shopTotal)))} codes.`,
    };
  }
  if (BigInt(count) > format.space) {
    return refuse(
      "count_exceeds_space",
      `This format can make only ${fmt(format.space)} different codes; you asked for ${fmt(BigInt(count))}.`,
      input,
      format,
      BigInt(count),
    );
  }
  const shared = crowdedSpace(format, count, shopCodes);
  const n = shared.live;
  const oneIn = shared.space / n;
  const others = n - BigInt(count);
  const counting =
    others > 0n
      ? ` (counting the store's ${fmt(others)} other live codes in the same code space)`
      : "";
  if (n * MAX_FILL_DIVISOR > shared.space) {
    return refuse(
      "space_too_full",
      `${fmt(n)} codes would use more than 1% of the ${fmt(shared.space)} codes this format can make${counting}: minting would slow down and guessing would be easy (${describeOdds(oneIn)}).`,
      input,
      format,
      n,
    );
  }
  if (oneIn < REFUSE_BELOW_ONE_IN) {
    return refuse(
      "too_guessable",
      `A random guess would find a live code ${describeOdds(oneIn)}${counting}; it must be 1 in 1 million or less likely.`,
      input,
      format,
      n,
    );
  }
  const odds = describeOdds(oneIn);
  const sharedWith = Number(others);
  if (oneIn >= WARN_BELOW_ONE_IN) return { ok: true, format, oneIn, odds, sharedWith };
  const better = shortestRandomChars(format, n, WARN_BELOW_ONE_IN);
  const advice = better === null ? "" : ` ${adviceFor(input, format, better, n)}`;
  return {
    ok: true,
    format,
    oneIn,
    odds,
    sharedWith,
    warning: `A random guess would find a live code ${odds}${counting}: allowed, but weaker than 1 in 1 billion.${advice}`,
  };
}

/** The space a guesser does best in (this format's or a wider one of the shop's), its codes. */
function crowdedSpace(
  format: CodeFormat,
  count: number,
  shopCodes: readonly LiveCodes[],
): { space: bigint; live: bigint } {
  const groups = shopCodes.flatMap((c) => {
    const parsed = parseFormat({ pattern: c.pattern, alphabet: c.alphabet });
    return parsed.ok ? [{ format: parsed.format, live: BigInt(c.live) }] : [];
  });
  const spaces = [format, ...groups.map((g) => g.format).filter((g) => covers(g, format))];
  let worst = { space: format.space, live: BigInt(count) };
  for (const space of spaces) {
    let live = BigInt(count);
    for (const g of groups) if (covers(space, g.format)) live += g.live;
    // Compare live/space without division: a/b > c/d ⟺ a·d > c·b.
    if (live * worst.space > worst.live * space.space) worst = { space: space.space, live };
  }
  return worst;
}

/** True when every code `inner` can make, `outer` can make too: a guess in `outer` may hit it. */
export function covers(outer: CodeFormat, inner: CodeFormat): boolean {
  if (outer.length !== inner.length) return false;
  const innerAlphabetFits = [...inner.alphabet].every((ch) => outer.alphabet.includes(ch));
  for (let i = 0; i < outer.length; i++) {
    const o = outer.pattern[i] as string;
    const n = inner.pattern[i] as string;
    if (o === RANDOM_PLACEHOLDER) {
      if (n === RANDOM_PLACEHOLDER ? !innerAlphabetFits : !outer.alphabet.includes(n)) {
        return false;
      }
    } else if (n !== o) return false;
  }
  return true;
}

/** Odds in words, rounded down so they never look safer: "1 in 12,345", "1 in 4.2 billion". */
export function describeOdds(oneIn: bigint): string {
  if (oneIn < 1_000_000n) return `1 in ${fmt(oneIn)}`;
  const digits = oneIn.toString().length;
  const group = Math.floor((digits - 1) / 3);
  const scale = SCALES[group - 2];
  if (scale !== undefined) return `1 in ${tenths(oneIn / 10n ** BigInt(group * 3 - 1))} ${scale}`;
  return `1 in ${tenths(oneIn / 10n ** BigInt(digits - 2))} × 10^${digits - 1}`;
}

const SCALES = [
  "million",
  "billion",
  "trillion",
  "quadrillion",
  "quintillion",
  "sextillion",
  "septillion",
  "octillion",
  "nonillion",
  "decillion",
];

function tenths(value: bigint): string {
  const whole = value / 10n;
  const decimal = value % 10n;
  return decimal === 0n ? whole.toString() : `${whole}.${decimal}`;
}

function fmt(n: bigint): string {
  return n.toLocaleString("en-US");
}

function refuse(
  code: PlanCode,
  message: string,
  input: FormatInput,
  format: CodeFormat,
  n: bigint,
): PlanResult {
  const needed = shortestRandomChars(format, n, REFUSE_BELOW_ONE_IN);
  if (needed === null) {
    return {
      ok: false,
      code,
      message,
      suggestion: `No code of at most ${MAX_CODE_LENGTH} characters in this format is safe for ${fmt(n)} codes: shorten the fixed text, use more alphabet characters or create fewer codes.`,
    };
  }
  const safer = shortestRandomChars(format, n, WARN_BELOW_ONE_IN);
  const extra =
    safer !== null && safer > needed
      ? ` With ${safer} random characters it would be 1 in 1 billion or better.`
      : "";
  return {
    ok: false,
    code,
    message,
    suggestion: adviceFor(input, format, needed, n) + extra,
    randomCharsNeeded: needed,
  };
}

/** Fewest random characters for a guess at most 1 in `oneIn` with `n` codes; null if none. */
function shortestRandomChars(format: CodeFormat, n: bigint, oneIn: bigint): number | null {
  const fixed = format.length - format.randomChars;
  const base = BigInt(format.alphabet.length);
  const target = n * oneIn;
  let space = 1n;
  for (let r = 1; fixed + r <= MAX_CODE_LENGTH; r++) {
    space *= base;
    if (space >= target) return r;
  }
  return null;
}

function adviceFor(input: FormatInput, format: CodeFormat, randomChars: number, n: bigint): string {
  const odds = describeOdds(BigInt(format.alphabet.length) ** BigInt(randomChars) / n);
  if (input.pattern === undefined) {
    return `Use ${randomChars} random characters (a guess would succeed ${odds}).`;
  }
  const more = randomChars - format.randomChars;
  const last = format.pattern.lastIndexOf(RANDOM_PLACEHOLDER) + 1;
  const example =
    format.pattern.slice(0, last) + RANDOM_PLACEHOLDER.repeat(more) + format.pattern.slice(last);
  return `Add ${more} more '#' to the pattern, for example ${example} (a guess would succeed ${odds}).`;
}
