// The one place a code is put in canonical form. Everything that stores, compares, looks up or
// pushes a code goes through normalizeCode, so "vip-ab12", " VIP-AB12 " and "VIP-AB12" are the
// same code everywhere, as they are in Shopify (codeDiscountNodeByCode: "The search is
// case-insensitive, enabling you to find discounts regardless of how customers enter the code").
//
// Choices:
// - Surrounding whitespace (any Unicode white space, and a stray byte-order mark) is removed:
//   it is invisible and comes from copy and paste, never from intent.
// - Only ASCII a-z are upper-cased. Full Unicode upper-casing changes lengths ("ß" -> "SS") and
//   differs between JavaScript, SQLite (whose NOCASE folds ASCII only) and PostgreSQL locales, so
//   the database's case-insensitive unique index could disagree with this function. Codes
//   OneCode accepts are ASCII anyway (the app's codes/code-problems.ts); a non-ASCII code is kept as written and then
//   refused by codeProblems with a message naming the character.
// - Inner spaces are kept, not squeezed out: "SUMMER SALE" and "SUMMERSALE" would be two
//   different codes in Shopify, so merging them here would make us disagree with checkout.
//   code-problems.ts then refuses the space with a clear message.
// - No Unicode compatibility folding (NFKC would turn a full-width "ＡＢＣ" into "ABC"): Shopify
//   does not document doing it, and matching more loosely than checkout would attribute orders
//   to codes the shopper did not use.

const LOWER_ASCII = /[a-z]/g;

/** Canonical form of a code: trimmed, ASCII letters upper-cased. Idempotent. */
export function normalizeCode(raw: string): string {
  return raw.trim().replace(LOWER_ASCII, toUpper);
}

function toUpper(letter: string): string {
  return String.fromCharCode(letter.charCodeAt(0) - 32);
}
