// A code format: fixed characters and random ones ('#' in a pattern, or prefix + length +
// suffix) drawn from an alphabet; the default alphabet's choice is in decision 016.

import { normalizeCode } from "@onecode/checkout-rules/normalize";
import { fail, type Result } from "../result";
import {
  CODE_CHARACTERS_IN_WORDS,
  MAX_CODE_LENGTH,
  describeCharacter,
  isCodeCharacter,
} from "./code-problems";

export const DEFAULT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const RANDOM_PLACEHOLDER = "#";

/** What the merchant typed; either `length` (with optional prefix/suffix) or `pattern`. */
export interface FormatInput {
  length?: number;
  prefix?: string;
  suffix?: string;
  pattern?: string;
  /** Characters random positions are drawn from; DEFAULT_ALPHABET when omitted. */
  alphabet?: string;
}

export interface CodeFormat {
  /** Canonical pattern: upper-case literals, one '#' per random character. */
  readonly pattern: string;
  /** Canonical alphabet: upper-case, no duplicates, in the order given. */
  readonly alphabet: string;
  /** Total characters in every code of this format. */
  readonly length: number;
  /** How many characters of each code are random. */
  readonly randomChars: number;
  /** How many distinct codes the format can produce: alphabet.length ** randomChars. */
  readonly space: bigint;
}

export type FormatField = "length" | "pattern" | "prefix" | "suffix" | "alphabet";

export type FormatErrorCode =
  | "LENGTH_OR_PATTERN_REQUIRED"
  | "LENGTH_AND_PATTERN"
  | "LENGTH_NOT_WHOLE_NUMBER"
  | "ALPHABET_EMPTY"
  | "ALPHABET_TOO_SMALL"
  | "ALPHABET_INVALID_CHARACTER"
  | "ALPHABET_DUPLICATE"
  | "INVALID_CHARACTER"
  | "LEADING_HYPHEN"
  | "NO_RANDOM_CHARACTERS"
  | "TOO_LONG";

export interface FormatError {
  code: FormatErrorCode;
  field: FormatField;
  message: string;
}

export type FormatResult = Result<
  { format: CodeFormat },
  "invalid_format",
  /** Every problem, each naming its field. */
  { errors: FormatError[] }
>;

/** Validates and compiles a format. Every problem is reported, none is thrown. */
export function parseFormat(input: FormatInput): FormatResult {
  const errors: FormatError[] = [];
  const alphabet = parseAlphabet(input.alphabet ?? DEFAULT_ALPHABET, errors);
  const pattern = buildPattern(input, errors);
  if (errors.length > 0 || pattern === null || alphabet === null) {
    return fail("invalid_format", errors.map((e) => e.message).join(" "), { errors });
  }
  const randomChars = countRandom(pattern);
  return {
    ok: true,
    format: {
      pattern,
      alphabet,
      length: pattern.length,
      randomChars,
      space: BigInt(alphabet.length) ** BigInt(randomChars),
    },
  };
}

/** True when `code` (normalised) is one this format could have produced. */
export function matchesFormat(format: CodeFormat, code: string): boolean {
  if (code.length !== format.length) return false;
  for (let i = 0; i < code.length; i++) {
    const expected = format.pattern[i];
    const actual = code[i] as string;
    if (expected === RANDOM_PLACEHOLDER ? !format.alphabet.includes(actual) : expected !== actual) {
      return false;
    }
  }
  return true;
}

function parseAlphabet(raw: string, errors: FormatError[]): string | null {
  if (raw.length === 0) {
    errors.push({
      code: "ALPHABET_EMPTY",
      field: "alphabet",
      message: "The alphabet is empty: give the characters random positions are drawn from.",
    });
    return null;
  }
  const firstSpelling = new Map<string, string>();
  const invalid = new Set<string>();
  // Each repeated character is named once, however often it repeats ("AAAA").
  const duplicates = new Set<string>();
  for (const ch of raw) {
    const canonical = normalizeCode(ch) || ch;
    if (!isCodeCharacter(canonical) || canonical === "-" || canonical === "_") {
      invalid.add(ch);
      continue;
    }
    const earlier = firstSpelling.get(canonical);
    if (earlier === undefined) firstSpelling.set(canonical, ch);
    else {
      duplicates.add(
        earlier === ch
          ? `'${ch}' appears more than once`
          : `'${earlier}' and '${ch}' are the same character in a code (codes are case-insensitive)`,
      );
    }
  }
  if (invalid.size > 0) {
    errors.push({
      code: "ALPHABET_INVALID_CHARACTER",
      field: "alphabet",
      message: `The alphabet contains ${[...invalid].map(describeCharacter).join(", ")}; it may hold only letters A–Z and digits 0–9.`,
    });
  }
  if (duplicates.size > 0) {
    errors.push({
      code: "ALPHABET_DUPLICATE",
      field: "alphabet",
      message: `The alphabet repeats characters: ${[...duplicates].join("; ")}. A repeated character would come up more often than the others and make codes easier to guess.`,
    });
  }
  const alphabet = [...firstSpelling.keys()].join("");
  if (invalid.size === 0 && duplicates.size === 0 && alphabet.length < 2) {
    errors.push({
      code: "ALPHABET_TOO_SMALL",
      field: "alphabet",
      message: "The alphabet needs at least 2 different characters.",
    });
  }
  return alphabet;
}

function buildPattern(input: FormatInput, errors: FormatError[]): string | null {
  const hasLength = input.length !== undefined;
  const hasPattern = input.pattern !== undefined;
  if (hasLength === hasPattern) {
    errors.push(
      hasLength
        ? {
            code: "LENGTH_AND_PATTERN",
            field: "pattern",
            message: "Give either a length or a pattern, not both.",
          }
        : {
            code: "LENGTH_OR_PATTERN_REQUIRED",
            field: "length",
            message: "Give a code length, or a pattern such as VIP-####-####.",
          },
    );
    return null;
  }
  if (hasPattern) {
    if (input.prefix !== undefined || input.suffix !== undefined) {
      errors.push({
        code: "LENGTH_AND_PATTERN",
        field: "pattern",
        message: "A pattern already holds its fixed text: put the prefix and suffix in it.",
      });
      return null;
    }
    return checkPattern(input.pattern ?? "", "pattern", errors);
  }
  const length = input.length as number;
  if (!Number.isInteger(length) || length < 1) {
    errors.push({
      code: "LENGTH_NOT_WHOLE_NUMBER",
      field: "length",
      message: "The length must be a whole number of random characters, at least 1.",
    });
    return null;
  }
  const prefix = checkLiteral(input.prefix ?? "", "prefix", errors);
  const suffix = checkLiteral(input.suffix ?? "", "suffix", errors);
  if (prefix === null || suffix === null) return null;
  const total = prefix.length + length + suffix.length;
  if (total > MAX_CODE_LENGTH) {
    errors.push(tooLong("length", total));
    return null;
  }
  return prefix + RANDOM_PLACEHOLDER.repeat(length) + suffix;
}

function checkPattern(raw: string, field: FormatField, errors: FormatError[]): string | null {
  const before = errors.length;
  const literal = raw.split(RANDOM_PLACEHOLDER).join("");
  const canonical = checkLiteral(literal, field, errors) === null ? null : canonicalPattern(raw);
  if (canonical === null) return null;
  if (countRandom(canonical) === 0) {
    errors.push({
      code: "NO_RANDOM_CHARACTERS",
      field,
      message:
        "The pattern needs at least one '#' (a random character), or every code would be the same.",
    });
  }
  if (canonical.length > MAX_CODE_LENGTH) errors.push(tooLong(field, canonical.length));
  if (canonical.startsWith("-")) errors.push(leadingHyphen(field));
  return errors.length === before ? canonical : null;
}

function checkLiteral(raw: string, field: FormatField, errors: FormatError[]): string | null {
  const canonical = canonicalPattern(raw);
  const invalid = new Set<string>();
  for (const ch of canonical) if (!isCodeCharacter(ch)) invalid.add(ch);
  if (invalid.size > 0) {
    const hint = invalid.has("\\")
      ? " No escaping is needed: '#' always means a random character and can never be part of a code."
      : "";
    errors.push({
      code: "INVALID_CHARACTER",
      field,
      message: `The ${field} contains ${[...invalid].map(describeCharacter).join(", ")}; codes may hold only ${CODE_CHARACTERS_IN_WORDS}.${hint}`,
    });
    return null;
  }
  if (field === "prefix" && canonical.startsWith("-")) {
    errors.push(leadingHyphen(field));
    return null;
  }
  return canonical;
}

// Upper-cases ASCII letters without trimming: in a pattern every character counts.
function canonicalPattern(raw: string): string {
  return raw.replace(/[a-z]/g, (letter) => letter.toUpperCase());
}

function countRandom(pattern: string): number {
  let n = 0;
  for (const ch of pattern) if (ch === RANDOM_PLACEHOLDER) n++;
  return n;
}

function tooLong(field: FormatField, total: number): FormatError {
  return {
    code: "TOO_LONG",
    field,
    message: `Codes would be ${total} characters long; Shopify accepts at most ${MAX_CODE_LENGTH}.`,
  };
}

// Spreadsheets read a cell starting with '-' as a formula (csv-export.ts), so a minted code
// never starts with one: the merchant's own export must show the code as it is.
function leadingHyphen(field: FormatField): FormatError {
  return {
    code: "LEADING_HYPHEN",
    field,
    message: "Codes can't start with '-': spreadsheets would read them as formulas.",
  };
}
