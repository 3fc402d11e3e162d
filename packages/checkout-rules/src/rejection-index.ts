// The code-rejection index: maps an entered code to its campaign by the campaign's code format, so
// the shop's one automatic discount can tell the shopper why a code gave nothing (decision 024).

import { BOUND_TAG_ALPHABET, BOUND_TAG_LENGTH } from "./bound-code";
import { readRules, type CampaignRules } from "./rules";

export const INDEX_KIND = "codeRejections";
export const INDEX_VERSION = 1;

/** One live campaign: how its codes look, and the rules they are checked against. */
export interface IndexEntry {
  /** Canonical code pattern: upper-case literals, '#' for each random character. */
  pattern: string;
  /** Characters a random position may hold. */
  alphabet: string;
  /** Bound codes are the pattern, "-", then the customer tag (bound-code.ts). */
  bound: boolean;
  /** Positions of this campaign's `customerTags` within the index's `customerTags`. */
  tags: number[];
  /** Include (exclude) list is the index's whole list: `inAnyCollection` is this campaign's. */
  exactInclude: boolean;
  exactExclude: boolean;
  rules: CampaignRules;
}

/** The metafield document; its list keys are the input query's variables, over every campaign. */
export interface RejectionIndex {
  kind: typeof INDEX_KIND;
  v: typeof INDEX_VERSION;
  includeCollectionIds: string[];
  excludeCollectionIds: string[];
  customerTags: string[];
  campaigns: IndexEntry[];
}

/** The index in a metafield's `jsonValue`, or null when it is not one (or is malformed). */
export function readIndex(jsonValue: unknown): RejectionIndex | null {
  if (!jsonValue || typeof jsonValue !== "object" || Array.isArray(jsonValue)) return null;
  const doc = jsonValue as Record<string, unknown>;
  if (doc.kind !== INDEX_KIND || doc.v !== INDEX_VERSION) return null;
  const lists = ["includeCollectionIds", "excludeCollectionIds", "customerTags"] as const;
  for (const key of lists) if (!isStrings(doc[key])) return null;
  if (!Array.isArray(doc.campaigns)) return null;
  const campaigns: IndexEntry[] = [];
  for (const raw of doc.campaigns as unknown[]) {
    const entry = readEntry(raw);
    if (entry) campaigns.push(entry);
  }
  return {
    kind: INDEX_KIND,
    v: INDEX_VERSION,
    includeCollectionIds: doc.includeCollectionIds as string[],
    excludeCollectionIds: doc.excludeCollectionIds as string[],
    customerTags: doc.customerTags as string[],
    campaigns,
  };
}

function readEntry(raw: unknown): IndexEntry | null {
  if (!raw || typeof raw !== "object") return null;
  const e = raw as Record<string, unknown>;
  if (typeof e.pattern !== "string" || typeof e.alphabet !== "string") return null;
  if (e.pattern.length === 0 || e.alphabet.length === 0) return null;
  if (!Array.isArray(e.tags) || !e.tags.every((t) => Number.isInteger(t) && (t as number) >= 0)) {
    return null;
  }
  const rules = readRules(e.rules);
  if (!rules || e.tags.length !== rules.customerTags.length) return null;
  return {
    pattern: e.pattern,
    alphabet: e.alphabet,
    bound: e.bound === true,
    tags: e.tags as number[],
    exactInclude: e.exactInclude === true,
    exactExclude: e.exactExclude === true,
    rules,
  };
}

/**
 * The one campaign whose format the code has; none for no match or for two matches (another
 * campaign's reason would be worse than Shopify's own words).
 */
export function campaignForCode(index: RejectionIndex, code: string): IndexEntry | null {
  // Codes are case-insensitive in Shopify; OneCode's are upper-case ASCII (normalize.ts).
  const upper = code.trim().toUpperCase();
  let found: IndexEntry | null = null;
  for (const entry of index.campaigns) {
    if (!matches(entry, upper)) continue;
    if (found) return null;
    found = entry;
  }
  return found;
}

function matches(entry: IndexEntry, code: string): boolean {
  let body = code;
  if (entry.bound) {
    const dash = code.length - BOUND_TAG_LENGTH - 1;
    if (dash <= 0 || code[dash] !== "-") return false;
    for (const ch of code.slice(dash + 1)) if (!BOUND_TAG_ALPHABET.includes(ch)) return false;
    body = code.slice(0, dash);
  }
  if (body.length !== entry.pattern.length) return false;
  for (let i = 0; i < body.length; i++) {
    const want = entry.pattern[i] as string;
    const got = body[i] as string;
    if (want === "#" ? !entry.alphabet.includes(got) : want !== got) return false;
  }
  return true;
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
