// Whether a campaign's codes are bound to customers: its stored rules carry a key.
import { parseRules } from "./rules";

/** The campaign's bound-code key from its stored rules, or null for an ordinary campaign. */
export function boundKeyOf(storedRules: unknown): string | null {
  const rules = parseRules(storedRules);
  return rules.ok ? rules.rules.boundKey : null;
}

export function isBound(storedRules: unknown): boolean {
  return boundKeyOf(storedRules) !== null;
}
