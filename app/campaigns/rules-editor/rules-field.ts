// The server's half of the editor: the one `rules` form field (JSON) read back into a validated
// rules document with the same serializeRules the metafield is written with (decision 029).
import { serializeRules, type CampaignRules, type RuleError } from "@onecode/checkout-rules/rules";

export const RULES_FIELD = "rules";

export type RulesFieldResult =
  { ok: true; json: string; rules: CampaignRules } | { ok: false; errors: RuleError[] };

/**
 * `owned` are the values the server decides, whatever the browser sent: the campaign's own id
 * (recorded by the function in a customer's redeemed list) and its bound-code key.
 */
export function parseRulesField(
  raw: FormDataEntryValue | null,
  owned: { campaignId: string; boundKey: string | null },
): RulesFieldResult {
  if (typeof raw !== "string" || raw.trim() === "") {
    return {
      ok: false,
      errors: [{ path: "", message: "The form sent no rules. Reload the page and try again." }],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {
      ok: false,
      errors: [
        { path: "", message: "The rules could not be read. Reload the page and try again." },
      ],
    };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      ok: false,
      errors: [
        { path: "", message: "The rules could not be read. Reload the page and try again." },
      ],
    };
  }
  return serializeRules({ ...value, campaignId: owned.campaignId, boundKey: owned.boundKey });
}
