// The campaign rules document: one schema, two readers. The admin app
// validates and writes it to the discount's metafield; the discount function reads and validates
// it with the same code at checkout. Pure and dependency-free so it bundles into the function
// (QuickJS, ≤ 100 kB): no Node or DOM API is used here.
//
// The document doubles as the function's input-query variables metafield: Shopify feeds each
// top-level key of that JSON metafield to the query variable of the same name ("each top level
// key corresponds to a variable name", shopify.dev/docs/apps/build/functions/input-queries/
// use-variables-input-queries; Shopify's discounts-reference-app keeps its configuration and
// `collectionIds` in one metafield the same way). Hence the flat list keys below.

import type { RuleMessages } from "./rules-messages";
import { validateRules, type RuleError } from "./rules-validate";

export type { RuleError } from "./rules-validate";
export type { RuleMessages } from "./rules-messages";

/** The version this build writes and reads. A document of any other version gets no discount. */
export const RULES_VERSION = 1;

/** Where the rules live: a `json` metafield on the campaign's code discount, app-owned. */
export const RULES_METAFIELD = { namespace: "$app", key: "rules", type: "json" } as const;

/**
 * "Once per customer per campaign": after a redemption the app appends the
 * campaign id to this `json` metafield on the customer; its value is a JSON array of campaign
 * ids, newest last (see rules-redeemed.ts). The function refuses a campaign already listed.
 */
export const REDEEMED_METAFIELD = {
  namespace: "$app",
  key: "redeemed-campaigns",
  type: "json",
} as const;

/** Shopify returns no metafield value over 10,000 bytes to a function. */
export const MAX_RULES_BYTES = 10_000;

/** A decimal amount in the shop's currency, as text: "10", "10.5", "10.50". */
export type Money = string;

/** Either a percentage (0 < percent ≤ 100) or a fixed amount in the shop's currency. */
export type RewardValue = { percent: number } | { amount: Money };

/** Which cart the reward reduces: the order subtotal (ORDER class) or eligible lines (PRODUCT). */
export type RewardTarget = "order" | "eligible";

export interface Tier {
  /** Spend (eligible subtotal, shop currency) from which the tier applies. */
  from: Money;
  value: RewardValue;
}

export interface BundleItem {
  productId: string;
  quantity: number;
  /** The product's title, for the shopper's "Add the Gift Box to use this code"; optional. */
  name?: string;
}

export type Reward =
  | { kind: "amount"; target: RewardTarget; value: RewardValue; cap: Money | null }
  | { kind: "tiered"; target: RewardTarget; tiers: Tier[]; cap: Money | null }
  | { kind: "freeShipping" }
  | {
      kind: "bxgy";
      /** Units to buy from the eligible lines. */
      buy: number;
      /** Units then discounted by `percent`, cheapest first. */
      get: number;
      /** Products the "get" units come from; empty means the eligible lines themselves. */
      getProductIds: string[];
      percent: number;
      maxUses: number | null;
      cap: Money | null;
    }
  | {
      kind: "bundle";
      items: BundleItem[];
      /** Percentage off the bundled units, or an amount off per complete bundle. */
      value: RewardValue;
      maxUses: number | null;
      cap: Money | null;
    };

export interface CampaignRules {
  v: typeof RULES_VERSION;
  /** The app's campaign id: the value recorded in the customer's redeemed-campaigns list. */
  campaignId: string;
  includeProductIds: string[];
  excludeProductIds: string[];
  /** Input-query variable `$includeCollectionIds` (Product.inAnyCollection). */
  includeCollectionIds: string[];
  /** Input-query variable `$excludeCollectionIds`. */
  excludeCollectionIds: string[];
  /** The buyer needs at least one of them. */
  requiredCustomerTags: string[];
  /** A buyer with any of them gets nothing. */
  excludedCustomerTags: string[];
  /**
   * Input-query variable `$customerTags`: the required tags, then the excluded ones. One
   * `Customer.hasTags` answers both lists (one cost-3 field instead of two), position by
   * position; always derived from the two lists above.
   */
  customerTags: string[];
  /** Minimum spend in the shop's currency; `eligibleOnly` counts eligible lines only. */
  minSubtotal: { amount: Money; eligibleOnly: boolean } | null;
  /** Only a signed-in customer with no previous order qualifies. */
  firstOrderOnly: boolean;
  /** A signed-in customer whose redeemed-campaigns list holds `campaignId` gets nothing. */
  oncePerCustomer: boolean;
  /** Hex HMAC key of a campaign whose codes are bound to customers (bound-code.ts), or null. */
  boundKey: string | null;
  reward: Reward;
  /** The merchant's wording of what the shopper reads when the code gives nothing. */
  messages: RuleMessages;
  /**
   * Titles of the included collections and products, for "This code is for Summer Tees";
   * empty when the campaign has no include list or the titles were not known.
   */
  eligibleNames: string[];
}

export type RulesResult = { ok: true; rules: CampaignRules } | { ok: false; errors: RuleError[] };

/** Validate an already parsed value (the metafield's `jsonValue`, or a form's output). */
export function parseRules(value: unknown): RulesResult {
  return validateRules(value);
}

/** The rules the function acts on, or null for anything invalid: a campaign then gets nothing. */
export function readRules(jsonValue: unknown): CampaignRules | null {
  const result = validateRules(jsonValue);
  return result.ok ? result.rules : null;
}

/**
 * The metafield value the app writes: validated, normalised (every key present, so no query
 * variable is ever null) and within Shopify's 10 kB.
 */
export function serializeRules(
  value: unknown,
): { ok: true; json: string; rules: CampaignRules } | { ok: false; errors: RuleError[] } {
  const result = validateRules(value);
  if (!result.ok) return result;
  const json = JSON.stringify(result.rules);
  const bytes = utf8Length(json);
  if (bytes > MAX_RULES_BYTES) {
    return {
      ok: false,
      errors: [
        {
          path: "",
          message: `The rules take ${bytes} bytes; Shopify gives a function at most ${MAX_RULES_BYTES}. Use collections instead of long product lists.`,
        },
      ],
    };
  }
  return { ok: true, json, rules: result.rules };
}

/** Discount classes the app must give the discount so the function may act on its reward. */
export function discountClassesFor(rules: CampaignRules): ("ORDER" | "PRODUCT" | "SHIPPING")[] {
  const reward = rules.reward;
  if (reward.kind === "freeShipping") return ["SHIPPING"];
  if ((reward.kind === "amount" || reward.kind === "tiered") && reward.target === "order") {
    return ["ORDER"];
  }
  return ["PRODUCT"];
}

// TextEncoder is absent from some QuickJS builds; count UTF-8 bytes by hand.
function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}
