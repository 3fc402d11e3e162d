// The campaign create form, parsed and checked in one place: the route's action runs it on the
// server, and the browser runs the same code-format check as the merchant types.
import { z } from "zod";
import { fail, ok, type Result } from "../result";
import { storableText, UNSTORABLE_TEXT } from "../db/storable-text";
import type { FormatInput } from "../codes/format";
import { checkPlan, type LiveCodes, type PlanCode } from "../codes/odds";
import { wallTimeToInstant } from "../shops/zoned-time";
import { checkBoundPlan } from "./bound-odds";
import type { RuleError } from "@onecode/checkout-rules/rules";
import { parseRulesField, RULES_FIELD } from "./rules-editor/rules-field";

export type CampaignField = "name" | "startsAt" | "endsAt" | "count" | "format" | "customers";

export type Audience = "anyone" | "customers";
export const AUDIENCE_FIELD = "audience";

export interface NewCampaign {
  id: string;
  name: string;
  startsAt: Date;
  endsAt: Date | null;
  /** Codes to mint; for a bound campaign, the number of customers. */
  count: number;
  audience: Audience;
  format: FormatInput;
  /** The rules document, never holding the binding key (decision 009). */
  rulesJson: string;
  /** A bound campaign's key, as the server gave it to the parser; null for a pool. */
  bindingKey: string | null;
  oddsInWords: string;
  oddsWarning?: string;
}

export type CampaignFormCode = "invalid_form";

export type CampaignFormResult = Result<
  { campaign: NewCampaign },
  CampaignFormCode,
  {
    errors: Partial<Record<CampaignField, string>>;
    /** The rules editor's errors, by path in the rules document. */
    ruleErrors: RuleError[];
  }
>;

const refused = (errors: Partial<Record<CampaignField, string>>, ruleErrors: RuleError[]) =>
  fail("invalid_form", "Correct the fields marked in the form.", { errors, ruleErrors });

// Every message is a sentence for the merchant, never the library's default wording.
const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep the ${what} to ${max} characters or fewer.`)
    .refine(storableText, UNSTORABLE_TEXT);

const fieldsSchema = z.object({
  name: text(255, "name").min(1, "Give the campaign a name"),
  startsAt: z.string().trim().min(1, "Choose when the codes start working"),
  endsAt: z.string().trim().optional(),
  audience: z.enum(["anyone", "customers"]).default("anyone"),
  count: z.string().trim().optional(),
  formatMode: z.enum(["length", "pattern"], {
    error: "Choose a format: random characters with a prefix and suffix, or a pattern.",
  }),
  length: z.string().trim().optional(),
  prefix: text(100, "prefix").optional(),
  suffix: text(100, "suffix").optional(),
  pattern: text(255, "pattern").optional(),
  alphabet: text(64, "alphabet").optional(),
});

/** The code format the form describes (shared with the browser's live odds). */
export function formatFromFields(fields: {
  formatMode: "length" | "pattern";
  length?: string;
  prefix?: string;
  suffix?: string;
  pattern?: string;
  alphabet?: string;
}): FormatInput {
  const alphabet = fields.alphabet?.trim() || undefined;
  if (fields.formatMode === "pattern") return { pattern: fields.pattern ?? "", alphabet };
  return {
    length: fields.length ? Number(fields.length) : undefined,
    prefix: fields.prefix || undefined,
    suffix: fields.suffix || undefined,
    alphabet,
  };
}

export function parseCount(raw: string): number {
  return Number(raw.replaceAll(",", ""));
}

/** What the server knows of the shop when it reads the form. */
export interface ShopContext {
  /**
   * The shop's IANA time zone: the form's times are on its clock. Null when Shopify did not say:
   * the times are then refused with `timeZoneProblem`, and every other field is still checked.
   */
  timeZone: string | null;
  timeZoneProblem?: string;
  /** The shop's live codes: the odds count those in the new codes' space. */
  liveCodes: LiveCodes[];
}

/** The audience the form asks for; "anyone" unless it says otherwise. */
export function audienceOf(form: FormData): Audience {
  return form.get(AUDIENCE_FIELD) === "customers" ? "customers" : "anyone";
}

const COUNT = /^\d[\d,]*$/;

/**
 * `bound` is the server's part of a bound campaign: the campaign's key (never the browser's) and
 * how many customers its list names (null when the list could not be read: then only the format
 * is checked).
 */
export function parseCampaignForm(
  form: FormData,
  id: string,
  bound?: { key: string; customers: number | null },
  shop: ShopContext = { timeZone: "UTC", liveCodes: [] },
): CampaignFormResult {
  const audience = audienceOf(form);
  if (audience === "customers" && !bound) {
    throw new Error("A bound campaign's form needs the campaign's key from the server.");
  }
  // The id and the key are the server's, never the form's; the key goes to its column, not the rules.
  const rules = parseRulesField(form.get(RULES_FIELD), { campaignId: id, boundKey: null });
  const ruleErrors = rules.ok ? [] : rules.ruleErrors;
  const raw = Object.fromEntries(
    [...form.entries()].filter(([, v]) => typeof v === "string").map(([k, v]) => [k, String(v)]),
  );
  const parsed = fieldsSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Partial<Record<CampaignField, string>> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      const field = (
        ["name", "startsAt", "endsAt", "count", "audience"].includes(key)
          ? key === "audience"
            ? "customers"
            : key
          : "format"
      ) as CampaignField;
      errors[field] ??= issue.message;
    }
    return refused(errors, ruleErrors);
  }
  const fields = parsed.data;
  const errors: Partial<Record<CampaignField, string>> = {};

  const zone = shop.timeZone;
  const startsAt = zone ? wallTimeToInstant(fields.startsAt, zone) : null;
  if (!zone) errors.startsAt = shop.timeZoneProblem ?? "OneCode does not know your store's clock.";
  else if (!startsAt) errors.startsAt = "Enter a valid start date";
  const endsAt = zone && fields.endsAt ? wallTimeToInstant(fields.endsAt, zone) : null;
  if (zone && fields.endsAt && !endsAt) errors.endsAt = "Enter a valid end date";
  if (startsAt && endsAt && endsAt <= startsAt) errors.endsAt = "The end must come after the start";

  const format = formatFromFields(fields);
  let count: number;
  let plan: { ok: true; odds: string; warning?: string } | { ok: false };
  if (audience === "customers") {
    count = bound?.customers ?? 0;
    const checked = checkBoundPlan(format, Math.max(1, count));
    if (!checked.ok) errors[checked.field] = checked.message;
    if (count === 0) errors.customers ??= "Correct the list of customers: see the problems below.";
    plan = checked;
  } else if (!COUNT.test(fields.count ?? "")) {
    count = 0;
    errors.count = "Enter how many codes to create, for example 10,000";
    plan = { ok: false };
  } else {
    count = parseCount(fields.count ?? "");
    const checked = checkPlan(format, count, shop.liveCodes);
    if (!checked.ok) {
      errors[isCountProblem(checked.code) ? "count" : "format"] =
        `${checked.message} ${checked.suggestion}`.trim();
    }
    plan = checked;
  }

  if (Object.keys(errors).length > 0 || !plan.ok || !startsAt || !rules.ok)
    return refused(errors, ruleErrors);

  return ok({
    campaign: {
      id,
      name: fields.name,
      startsAt,
      endsAt,
      count,
      audience,
      format,
      rulesJson: rules.json,
      bindingKey: audience === "customers" ? (bound?.key ?? null) : null,
      oddsInWords: plan.odds,
      oddsWarning: plan.warning,
    },
  });
}

/** The odds check's refusals that are about the count, shown beside it (the rest: the format). */
const COUNT_PROBLEMS: readonly string[] = [
  "count_invalid",
  "count_over_shop_limit",
] satisfies PlanCode[];
const isCountProblem = (code: string | undefined) => COUNT_PROBLEMS.includes(code ?? "");

/** The form's inputs an error can stand beside. */
export type FormInputName =
  "count" | "customers" | "length" | "pattern" | "prefix" | "suffix" | "alphabet";

type PlanVerdict =
  | { ok: true }
  | {
      ok: false;
      message: string;
      suggestion?: string;
      code?: string;
      field?: "format" | "customers";
      formatErrors?: { field: string; message: string }[];
    };

/**
 * Where the live odds check's verdict shows: a format problem beside the input it names, odds too
 * weak beside the length (or pattern), a count problem beside the count.
 */
export function planFieldErrors(
  plan: PlanVerdict,
  formatMode: "length" | "pattern",
): Partial<Record<FormInputName, string>> {
  if (plan.ok) return {};
  const errors: Partial<Record<FormInputName, string>> = {};
  if (plan.formatErrors?.length) {
    for (const e of plan.formatErrors) {
      const field = e.field as FormInputName;
      errors[field] = errors[field] ? `${errors[field]} ${e.message}` : e.message;
    }
    return errors;
  }
  const message = `${plan.message} ${plan.suggestion ?? ""}`.trim();
  if (plan.field === "customers") errors.customers = message;
  else if (isCountProblem(plan.code)) errors.count = message;
  else errors[formatMode] = message;
  return errors;
}
