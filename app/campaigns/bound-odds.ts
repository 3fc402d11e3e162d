// Guessing odds for customer-bound codes: the 8-character tag counts as random characters, so the
// random part alone need not meet the odds rule (decision 003). Pure: the form runs it per keystroke.
import { BOUND_TAG_LENGTH } from "@onecode/checkout-rules/bound-code";
import { fail, ok, type Result } from "../result";
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

export type BoundPlanCode =
  "format_invalid" | "code_too_long" | "no_customers" | "over_shop_limit" | "odds_too_weak";

export type BoundPlanResult = Result<
  { format: CodeFormat; oneIn: bigint; odds: string; warning?: string },
  BoundPlanCode,
  /** The create form's field the failure stands beside. */
  { field: "format" | "customers" }
>;

/** Checks a format for `count` bound codes live at once (existing ones included). */
export function checkBoundPlan(input: FormatInput, count: number): BoundPlanResult {
  const parsed = parseFormat(input);
  if (!parsed.ok) {
    return fail("format_invalid", parsed.errors.map((e) => e.message).join(" "), {
      field: "format",
    });
  }
  const format = parsed.format;
  const length = format.length + 1 + BOUND_TAG_LENGTH;
  if (length > MAX_CODE_LENGTH) {
    return fail(
      "code_too_long",
      `With the ${1 + BOUND_TAG_LENGTH}-character customer tag, codes would be ${length} characters long; Shopify accepts at most ${MAX_CODE_LENGTH}. Shorten the format.`,
      { field: "format" },
    );
  }
  if (!Number.isSafeInteger(count) || count < 1) {
    return fail("no_customers", "Give at least one customer.", { field: "customers" });
  }
  if (count > MAX_CODES_PER_SHOP) {
    return fail(
      "over_shop_limit",
      `A Shopify store holds at most ${MAX_CODES_PER_SHOP.toLocaleString("en-US")} discount codes.`,
      { field: "customers" },
    );
  }
  const oneIn = (format.space * TAG_SPACE) / BigInt(count);
  const odds = describeOdds(oneIn);
  if (oneIn < REFUSE_BELOW_ONE_IN) {
    return fail(
      "odds_too_weak",
      `A random guess would match an issued code ${odds}; it must be 1 in 1 million or less likely. Use more random characters.`,
      { field: "format" },
    );
  }
  const warning =
    oneIn < WARN_BELOW_ONE_IN
      ? `A random guess would match an issued code ${odds}: allowed, but weaker than 1 in 1 billion. Use more random characters.`
      : undefined;
  return ok({ format, oneIn, odds, ...(warning ? { warning } : {}) });
}

/** What the odds mean for bound codes, for the form and the campaign page. */
export const BOUND_ODDS_HELP =
  "Each code ends in an 8-character tag computed for its customer. Only that customer, signed in at checkout, gets the discount: a guest, or anyone else who has the code, gets nothing.";
