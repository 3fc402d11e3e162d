// Guessing odds for customer-bound codes. A bound code is `<random part>-<tag>` (@onecode/checkout-rules/bound-code):
// the random part is drawn from the campaign's format, the tag is 8 characters of an HMAC that
// only OneCode can compute. To a guesser at checkout the tag is as unpredictable as 8 random
// characters of its 32-letter alphabet, so a random guess matches one of N issued codes with
// probability N / (S × 32^8), S being the format's space: the same "1 in …" rule as for ordinary
// codes (odds.ts) applies to that. And a match is still worth nothing to the guesser: the function
// recomputes the tag for the signed-in buyer, so the code gives its discount to the customer it was
// issued to and to nobody else (another customer's id matches a tag 1 time in 32^8 ≈ 1.1 × 10^12).
// The random part alone therefore need not meet the rule; it only keeps codes apart.
// Pure and cheap: the create form runs it on every keystroke.
import { BOUND_TAG_LENGTH } from "@onecode/checkout-rules/bound-code";
import { parseFormat, type CodeFormat, type FormatInput } from "../codes/format";
import {
  describeOdds,
  MAX_CODES_PER_SHOP,
  REFUSE_BELOW_ONE_IN,
  WARN_BELOW_ONE_IN,
} from "../codes/odds";
import { MAX_CODE_LENGTH } from "../codes/code-problems";

/** Distinct tags: Crockford base32, 8 characters. */
export const TAG_SPACE = 32n ** BigInt(BOUND_TAG_LENGTH);

export type BoundPlanResult =
  | { ok: true; format: CodeFormat; oneIn: bigint; odds: string; warning?: string }
  | { ok: false; field: "format" | "customers"; error: string };

/** Checks a format for `count` bound codes live at once (existing ones included). */
export function checkBoundPlan(input: FormatInput, count: number): BoundPlanResult {
  const parsed = parseFormat(input);
  if (!parsed.ok) {
    return { ok: false, field: "format", error: parsed.errors.map((e) => e.message).join(" ") };
  }
  const format = parsed.format;
  const length = format.length + 1 + BOUND_TAG_LENGTH;
  if (length > MAX_CODE_LENGTH) {
    return {
      ok: false,
      field: "format",
      error: `With the ${1 + BOUND_TAG_LENGTH}-character customer tag, codes would be ${length} characters long; Shopify accepts at most ${MAX_CODE_LENGTH}. Shorten the format.`,
    };
  }
  if (!Number.isSafeInteger(count) || count < 1) {
    return { ok: false, field: "customers", error: "Give at least one customer." };
  }
  if (count > MAX_CODES_PER_SHOP) {
    return {
      ok: false,
      field: "customers",
      error: `A Shopify store holds at most ${MAX_CODES_PER_SHOP.toLocaleString("en-US")} discount codes.`,
    };
  }
  const oneIn = (format.space * TAG_SPACE) / BigInt(count);
  const odds = describeOdds(oneIn);
  if (oneIn < REFUSE_BELOW_ONE_IN) {
    return {
      ok: false,
      field: "format",
      error: `A random guess would match an issued code ${odds}; it must be 1 in 1 million or less likely. Use more random characters.`,
    };
  }
  const warning =
    oneIn < WARN_BELOW_ONE_IN
      ? `A random guess would match an issued code ${odds}: allowed, but weaker than 1 in 1 billion. Use more random characters.`
      : undefined;
  return { ok: true, format, oneIn, odds, ...(warning ? { warning } : {}) };
}

/** What the odds mean for bound codes, for the form and the campaign page. */
export const BOUND_ODDS_HELP =
  "Each code ends in an 8-character tag computed for its customer. Only that customer, signed in at checkout, gets the discount: a guest, or anyone else who has the code, gets nothing.";
