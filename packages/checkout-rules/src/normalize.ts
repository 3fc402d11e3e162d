// The one place a code is put in canonical form: trimmed, ASCII a-z upper-cased, nothing else
// (why not more: docs/decisions/031-checkout-rules-package.md).

const LOWER_ASCII = /[a-z]/g;

/** Canonical form of a code: trimmed, ASCII letters upper-cased. Idempotent. */
export function normalizeCode(raw: string): string {
  return raw.trim().replace(LOWER_ASCII, toUpper);
}

function toUpper(letter: string): string {
  return String.fromCharCode(letter.charCodeAt(0) - 32);
}
