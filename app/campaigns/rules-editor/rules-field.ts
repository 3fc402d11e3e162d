// The server's half of the editor: the one `rules` form field (JSON) read back into a validated
// rules document with the same serializeRules the metafield is written with (decision 029).
import { serializeRules, type CampaignRules, type RuleError } from "@onecode/checkout-rules/rules";
import { fail, type Result } from "../../result";

export const RULES_FIELD = "rules";

export type RulesFieldCode = "no_rules" | "unreadable" | "invalid_rules";

export type RulesFieldResult = Result<
  { json: string; rules: CampaignRules },
  RulesFieldCode,
  /** By path in the rules document, for the editor to show beside each field. */
  { ruleErrors: RuleError[] }
>;

const refused = (code: RulesFieldCode, message: string, ruleErrors = [{ path: "", message }]) =>
  fail(code, message, { ruleErrors });
const UNREADABLE = "The rules could not be read. Reload the page and try again.";

/**
 * `owned` are the values the server decides, whatever the browser sent: the campaign's own id
 * (recorded by the function in a customer's redeemed list) and its bound-code key.
 */
export function parseRulesField(
  raw: FormDataEntryValue | null,
  owned: { campaignId: string; boundKey: string | null },
): RulesFieldResult {
  if (typeof raw !== "string" || raw.trim() === "") {
    return refused("no_rules", "The form sent no rules. Reload the page and try again.");
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return refused("unreadable", UNREADABLE);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return refused("unreadable", UNREADABLE);
  }
  const rules = serializeRules({
    ...value,
    campaignId: owned.campaignId,
    boundKey: owned.boundKey,
  });
  if (rules.ok) return rules;
  return refused("invalid_rules", "Correct the rules marked in the form.", rules.errors);
}
