// What OneCode accepts as a discount code, minted or imported: at most 255 characters of A-Z,
// 0-9, '-' and '_' (why these: docs/decisions/016-how-codes-leave.md).

/** Shopify's documented maximum length of a discount code. */
export const MAX_CODE_LENGTH = 255;

/** The allowed characters, in words, for messages. */
export const CODE_CHARACTERS_IN_WORDS = "letters A–Z, digits 0–9, '-' and '_'";

const CODE_CHARACTER = /^[A-Z0-9_-]$/;

/** True when `ch` (one character of a normalised, upper-case code) may appear in a code. */
export function isCodeCharacter(ch: string): boolean {
  return CODE_CHARACTER.test(ch);
}

export type CodeProblemReason = "empty" | "invalid_characters" | "too_long";

export interface CodeProblem {
  reason: CodeProblemReason;
  message: string;
}

/** Problems with a normalised code, in the order a merchant should fix them; none: acceptable. */
export function codeProblems(code: string): CodeProblem[] {
  if (code.length === 0) return [{ reason: "empty", message: "The code is empty." }];
  const problems: CodeProblem[] = [];
  const invalid = invalidCharacters(code);
  if (invalid.length > 0) {
    problems.push({
      reason: "invalid_characters",
      message: `The code contains ${invalid.map(describeCharacter).join(", ")}; only ${CODE_CHARACTERS_IN_WORDS} are allowed.`,
    });
  }
  const length = [...code].length;
  if (length > MAX_CODE_LENGTH) {
    problems.push({
      reason: "too_long",
      message: `The code is ${length} characters long; Shopify accepts at most ${MAX_CODE_LENGTH}.`,
    });
  }
  return problems;
}

/** Distinct characters of `text` that are not code characters, in order of first appearance. */
export function invalidCharacters(text: string): string[] {
  const seen = new Set<string>();
  for (const ch of text) if (!isCodeCharacter(ch)) seen.add(ch);
  return [...seen];
}

/** A character named so that a merchant can find it, including invisible ones. */
export function describeCharacter(ch: string): string {
  const names: Record<string, string> = {
    " ": "a space",
    "\t": "a tab",
    "\n": "a line break",
    "\r": "a line break",
    "\u00a0": "a non-breaking space",
    "\ufffd": "an unreadable character (is the file saved as UTF-8?)",
  };
  const named = names[ch];
  if (named) return named;
  const codePoint = ch.codePointAt(0) ?? 0;
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
  // Control and invisible format characters print as nothing: give only their code point.
  if (/[\p{Cc}\p{Cf}\p{Z}]/u.test(ch)) return `an invisible character (${hex})`;
  return `'${ch}'`;
}
