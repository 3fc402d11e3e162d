// Builds the code-rejection index from the shop's live campaigns within the 10,000 bytes Shopify
// gives a function's metafield input; campaigns that do not fit are left out (decision 024).
import { MAX_RULES_BYTES, type CampaignRules } from "@onecode/checkout-rules/rules";
import {
  INDEX_KIND,
  INDEX_VERSION,
  type IndexEntry,
  type RejectionIndex,
} from "@onecode/checkout-rules/rejection-index";

export interface IndexedCampaign {
  rules: CampaignRules;
  pattern: string;
  alphabet: string;
  bound: boolean;
}

export interface BuiltIndex {
  index: RejectionIndex;
  json: string;
  /** Campaign ids listed, and those left out for want of room. */
  listed: string[];
  leftOut: string[];
}

/** Campaigns first in the list are kept first when the index is full. */
export function buildRejectionIndex(campaigns: readonly IndexedCampaign[]): BuiltIndex {
  const listed: IndexedCampaign[] = [];
  const leftOut: string[] = [];
  let built = assemble(listed);
  for (const campaign of campaigns) {
    const next = assemble([...listed, campaign]);
    if (utf8Length(next.json) > MAX_RULES_BYTES) {
      leftOut.push(campaign.rules.campaignId);
      continue;
    }
    listed.push(campaign);
    built = next;
  }
  return { ...built, listed: listed.map((c) => c.rules.campaignId), leftOut };
}

function assemble(campaigns: IndexedCampaign[]): { index: RejectionIndex; json: string } {
  const include = union(campaigns.map((c) => c.rules.includeCollectionIds));
  const exclude = union(campaigns.map((c) => c.rules.excludeCollectionIds));
  const tags = union(campaigns.map((c) => c.rules.customerTags));
  const entries: IndexEntry[] = campaigns.map((c) => ({
    pattern: c.pattern,
    alphabet: c.alphabet,
    bound: c.bound,
    tags: c.rules.customerTags.map((tag) => tags.indexOf(tag)),
    exactInclude: sameSet(c.rules.includeCollectionIds, include),
    exactExclude: sameSet(c.rules.excludeCollectionIds, exclude),
    rules: c.rules,
  }));
  const index: RejectionIndex = {
    kind: INDEX_KIND,
    v: INDEX_VERSION,
    includeCollectionIds: include,
    excludeCollectionIds: exclude,
    customerTags: tags,
    campaigns: entries,
  };
  return { index, json: JSON.stringify(index) };
}

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}

function sameSet(a: string[], b: string[]): boolean {
  const set = new Set(a);
  return set.size === b.length && b.every((item) => set.has(item));
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
