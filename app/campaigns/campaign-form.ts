// The campaign create form, parsed and checked in one place: the route's action runs it on the
// server, and the form runs the same code-format check in the browser as the merchant types.
// The rules come from the rules editor as one JSON field, read with the rules document's own
// validator (DESIGN decision 5).
import { z } from "zod";
import type { FormatInput } from "../codes/format";
import { checkPlan } from "../codes/odds";
import type { RuleError } from "./rules";
import { parseRulesField, RULES_FIELD } from "./rules-editor/rules-field";

export type CampaignField = "name" | "startsAt" | "endsAt" | "count" | "format";

export interface NewCampaign {
  id: string;
  name: string;
  startsAt: Date;
  endsAt: Date | null;
  count: number;
  format: FormatInput;
  rulesJson: string;
  oddsInWords: string;
  oddsWarning?: string;
}

export type CampaignFormResult =
  | { ok: true; campaign: NewCampaign }
  | {
      ok: false;
      errors: Partial<Record<CampaignField, string>>;
      /** The rules editor's errors, by path in the rules document. */
      ruleErrors: RuleError[];
    };

const text = (max: number) => z.string().trim().max(max);

const fieldsSchema = z.object({
  name: text(255).min(1, "Give the campaign a name"),
  startsAt: z.string().trim().min(1, "Choose when the codes start working"),
  endsAt: z.string().trim().optional(),
  count: z
    .string()
    .trim()
    .regex(/^\d[\d,]*$/, "Enter how many codes to create, for example 10,000"),
  formatMode: z.enum(["length", "pattern"]),
  length: z.string().trim().optional(),
  prefix: text(100).optional(),
  suffix: text(100).optional(),
  pattern: text(255).optional(),
  alphabet: text(64).optional(),
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

function parseDate(raw: string): Date | null {
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function parseCampaignForm(form: FormData, id: string): CampaignFormResult {
  // A new campaign has no bound-code key in its rules yet; its id is the server's, never the form's.
  const rules = parseRulesField(form.get(RULES_FIELD), { campaignId: id, boundKey: null });
  const ruleErrors = rules.ok ? [] : rules.errors;
  const raw = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const parsed = fieldsSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Partial<Record<CampaignField, string>> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      const field = (
        ["name", "startsAt", "endsAt", "count"].includes(key) ? key : "format"
      ) as CampaignField;
      errors[field] ??= issue.message;
    }
    return { ok: false, errors, ruleErrors };
  }
  const fields = parsed.data;
  const errors: Partial<Record<CampaignField, string>> = {};

  const startsAt = parseDate(fields.startsAt);
  if (!startsAt) errors.startsAt = "Enter a valid start date";
  const endsAt = fields.endsAt ? parseDate(fields.endsAt) : null;
  if (fields.endsAt && !endsAt) errors.endsAt = "Enter a valid end date";
  if (startsAt && endsAt && endsAt <= startsAt) errors.endsAt = "The end must come after the start";

  const count = parseCount(fields.count);
  const format = formatFromFields(fields);
  const plan = checkPlan(format, count);
  if (!plan.ok) {
    const target: CampaignField =
      plan.reason === "COUNT_INVALID" || plan.reason === "COUNT_OVER_SHOP_LIMIT"
        ? "count"
        : "format";
    errors[target] = `${plan.error} ${plan.suggestion}`.trim();
  }

  if (Object.keys(errors).length > 0 || !plan.ok || !startsAt || !rules.ok)
    return { ok: false, errors, ruleErrors };

  return {
    ok: true,
    campaign: {
      id,
      name: fields.name,
      startsAt,
      endsAt,
      count,
      format,
      rulesJson: rules.json,
      oddsInWords: plan.odds,
      oddsWarning: plan.warning,
    },
  };
}
