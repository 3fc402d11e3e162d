// The campaign rules document: written by the app, read at checkout by the function with the same
// pure code; its top-level keys are the function's input-query variables (decision 031).

import { REASONS, messageProblem, type Reason, type RuleMessages } from "./messages";

export type { RuleMessages } from "./messages";

/** The version this build writes and reads. A document of any other version gets no discount. */
export const RULES_VERSION = 1;

/** Where the rules live: a `json` metafield on the campaign's code discount, app-owned. */
export const RULES_METAFIELD = { namespace: "$app", key: "rules", type: "json" } as const;

/** The customer's redeemed-campaigns list (redeemed.ts), for "once per customer per campaign". */
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
  /** `$customerTags`: required then excluded tags, one `hasTags` for both; always derived. */
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
  /** Titles of the included collections and products; empty when unknown or none. */
  eligibleNames: string[];
}

/** The app's failure shape (app/result.ts), restated: this package imports nothing from the app. */
export type RulesCode = "invalid_rules" | "unsupported_version" | "too_large";
export type RulesFailure = { ok: false; code: RulesCode; message: string; errors: RuleError[] };
export type RulesResult = { ok: true; rules: CampaignRules } | RulesFailure;

function refused(code: RulesCode, errors: RuleError[]): RulesFailure {
  const message = code === "invalid_rules" ? "The rules are not valid." : errors[0]!.message;
  return { ok: false, code, message, errors };
}

/** The rules the function acts on, or null for anything invalid: a campaign then gets nothing. */
export function readRules(jsonValue: unknown): CampaignRules | null {
  const result = validateRules(jsonValue);
  return result.ok ? result.rules : null;
}

/** The metafield value the app writes: validated, every key present, within Shopify's 10 kB. */
export function serializeRules(
  value: unknown,
): { ok: true; json: string; rules: CampaignRules } | RulesFailure {
  const result = validateRules(value);
  if (!result.ok) return result;
  const json = JSON.stringify(result.rules);
  const bytes = utf8Length(json);
  if (bytes > MAX_RULES_BYTES) {
    return refused("too_large", [
      {
        path: "",
        message: `The rules take ${bytes} bytes; Shopify gives a function at most ${MAX_RULES_BYTES}. Use collections instead of long product lists.`,
      },
    ]);
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

// The one validator, hand-written for the function's bundle (decision 031); it never throws, and
// unknown keys are refused so a typo cannot silently disable a rule.

export interface RuleError {
  /** Dotted path of the offending value ("reward.tiers.1.from"); "" for the document. */
  path: string;
  message: string;
}

// Short input-query variable lists, the document far below 10 kB.
const MAX_LIST = 100;
const MAX_TIERS = 10;
const MAX_BUNDLE_ITEMS = 10;
const MONEY = /^\d{1,9}(\.\d{1,3})?$/;
const PRODUCT_GID = /^gid:\/\/shopify\/Product\/\d{1,20}$/;
const COLLECTION_GID = /^gid:\/\/shopify\/Collection\/\d{1,20}$/;
const HEX_KEY = /^[0-9a-f]{64}$/;
const CAMPAIGN_ID = /^[A-Za-z0-9_-]{1,64}$/;

const TOP_KEYS = [
  "v",
  "campaignId",
  "includeProductIds",
  "excludeProductIds",
  "includeCollectionIds",
  "excludeCollectionIds",
  "requiredCustomerTags",
  "excludedCustomerTags",
  "minSubtotal",
  "firstOrderOnly",
  "oncePerCustomer",
  "boundKey",
  "reward",
  "customerTags",
  "messages",
  "eligibleNames",
];
const MAX_ELIGIBLE_NAMES = 5;
const MAX_NAME = 100;

type Obj = Record<string, unknown>;

class Checker {
  errors: RuleError[] = [];

  fail(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  object(value: unknown, path: string, keys: string[]): Obj | null {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.fail(path, "Expected an object.");
      return null;
    }
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) this.fail(join(path, key), `Unknown field "${key}".`);
    }
    return value as Obj;
  }

  bool(value: unknown, path: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value === "boolean") return value;
    this.fail(path, "Expected true or false.");
    return fallback;
  }

  int(value: unknown, path: string, min: number, max: number): number {
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) {
      return value;
    }
    this.fail(path, `Expected a whole number from ${min} to ${max}.`);
    return min;
  }

  optionalInt(value: unknown, path: string, min: number, max: number): number | null {
    return value === undefined || value === null ? null : this.int(value, path, min, max);
  }

  percent(value: unknown, path: string): number {
    if (typeof value === "number" && Number.isFinite(value) && value > 0 && value <= 100) {
      return value;
    }
    this.fail(path, "Expected a percentage above 0 and at most 100.");
    return 0;
  }

  money(value: unknown, path: string): Money {
    if (typeof value === "string" && MONEY.test(value) && Number(value) > 0) return value;
    this.fail(path, 'Expected a positive amount such as "10" or "10.50".');
    return "0";
  }

  optionalMoney(value: unknown, path: string): Money | null {
    return value === undefined || value === null ? null : this.money(value, path);
  }

  list(value: unknown, path: string, item: RegExp | null, what: string): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.fail(path, "Expected a list.");
      return [];
    }
    if (value.length > MAX_LIST) this.fail(path, `At most ${MAX_LIST} entries are allowed.`);
    const out: string[] = [];
    value.forEach((entry, index) => {
      const ok = typeof entry === "string" && (item ? item.test(entry) : isTag(entry));
      if (ok) out.push(entry);
      else if (typeof entry === "string" && hasControl(entry))
        this.fail(
          join(path, String(index)),
          `Remove the invisible control character from ${what}.`,
        );
      else this.fail(join(path, String(index)), `Expected ${what}.`);
    });
    return out;
  }

  value(raw: unknown, path: string): RewardValue {
    const obj = this.object(raw, path, ["percent", "amount"]);
    if (!obj) return { percent: 0 };
    const hasPercent = obj.percent !== undefined;
    if (hasPercent === (obj.amount !== undefined)) {
      this.fail(path, 'Give exactly one of "percent" or "amount".');
      return { percent: 0 };
    }
    return hasPercent
      ? { percent: this.percent(obj.percent, join(path, "percent")) }
      : { amount: this.money(obj.amount, join(path, "amount")) };
  }

  target(value: unknown, path: string): RewardTarget {
    if (value === "order" || value === "eligible") return value;
    this.fail(path, 'Expected "order" or "eligible".');
    return "order";
  }
}

/** Validate and normalise a rules document. Never throws. */
export function validateRules(input: unknown): RulesResult {
  const c = new Checker();
  const doc = c.object(input, "", TOP_KEYS);
  if (!doc) return refused("invalid_rules", c.errors);
  if (doc.v !== 1) {
    return refused("unsupported_version", [
      {
        path: "v",
        message: `Unsupported rules version ${String(doc.v)}; this build reads version 1.`,
      },
    ]);
  }
  if (typeof doc.campaignId !== "string" || !CAMPAIGN_ID.test(doc.campaignId)) {
    c.fail("campaignId", "Expected the campaign id (1–64 letters, digits, '-' or '_').");
  }
  const rules: CampaignRules = {
    v: 1,
    campaignId: typeof doc.campaignId === "string" ? doc.campaignId : "",
    includeProductIds: c.list(
      doc.includeProductIds,
      "includeProductIds",
      PRODUCT_GID,
      "a product id",
    ),
    excludeProductIds: c.list(
      doc.excludeProductIds,
      "excludeProductIds",
      PRODUCT_GID,
      "a product id",
    ),
    includeCollectionIds: c.list(
      doc.includeCollectionIds,
      "includeCollectionIds",
      COLLECTION_GID,
      "a collection id",
    ),
    excludeCollectionIds: c.list(
      doc.excludeCollectionIds,
      "excludeCollectionIds",
      COLLECTION_GID,
      "a collection id",
    ),
    requiredCustomerTags: c.list(doc.requiredCustomerTags, "requiredCustomerTags", null, "a tag"),
    excludedCustomerTags: c.list(doc.excludedCustomerTags, "excludedCustomerTags", null, "a tag"),
    minSubtotal: minSubtotal(c, doc.minSubtotal),
    firstOrderOnly: c.bool(doc.firstOrderOnly, "firstOrderOnly", false),
    oncePerCustomer: c.bool(doc.oncePerCustomer, "oncePerCustomer", false),
    boundKey: boundKey(c, doc.boundKey),
    reward: reward(c, doc.reward),
    customerTags: [],
    messages: messages(c, doc.messages),
    eligibleNames: eligibleNames(c, doc.eligibleNames),
  };
  rules.customerTags = customerTags(c, rules, doc.customerTags);
  return c.errors.length === 0 ? { ok: true, rules } : refused("invalid_rules", c.errors);
}

// Derived, never chosen: the function reads `hasTags` answers by position in this list, so a
// stored list that differs from the two it is made of would misread them.
function customerTags(c: Checker, rules: CampaignRules, raw: unknown): string[] {
  const tags = [...rules.requiredCustomerTags, ...rules.excludedCustomerTags];
  const required = new Set(rules.requiredCustomerTags.map((tag) => tag.toLowerCase()));
  for (const tag of rules.excludedCustomerTags) {
    if (required.has(tag.toLowerCase())) {
      c.fail("excludedCustomerTags", `"${tag}" cannot be both required and excluded.`);
    }
  }
  if (raw !== undefined && (!Array.isArray(raw) || raw.join("\n") !== tags.join("\n"))) {
    c.fail("customerTags", "Expected the required tags followed by the excluded tags.");
  }
  return tags;
}

function eligibleNames(c: Checker, raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  const ok =
    Array.isArray(raw) &&
    raw.length <= MAX_ELIGIBLE_NAMES &&
    raw.every((name) => typeof name === "string" && name.trim() !== "" && name.length <= MAX_NAME);
  if (ok) return raw as string[];
  c.fail(
    "eligibleNames",
    `Expected at most ${MAX_ELIGIBLE_NAMES} titles of at most ${MAX_NAME} characters.`,
  );
  return [];
}

function messages(c: Checker, raw: unknown): RuleMessages {
  if (raw === undefined || raw === null) return {};
  const obj = c.object(raw, "messages", [...REASONS]);
  if (!obj) return {};
  const out: RuleMessages = {};
  for (const reason of REASONS) {
    const text = obj[reason];
    if (text === undefined || text === null) continue;
    const problem = typeof text === "string" ? messageProblem(reason, text) : "Expected text.";
    if (problem) c.fail(join("messages", reason), problem);
    else out[reason as Reason] = text as string;
  }
  return out;
}

function minSubtotal(c: Checker, raw: unknown): CampaignRules["minSubtotal"] {
  if (raw === undefined || raw === null) return null;
  const obj = c.object(raw, "minSubtotal", ["amount", "eligibleOnly"]);
  if (!obj) return null;
  return {
    amount: c.money(obj.amount, "minSubtotal.amount"),
    eligibleOnly: c.bool(obj.eligibleOnly, "minSubtotal.eligibleOnly", false),
  };
}

function boundKey(c: Checker, raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === "string" && HEX_KEY.test(raw)) return raw;
  c.fail("boundKey", "Expected a 256-bit key as 64 lower-case hex digits.");
  return null;
}

function reward(c: Checker, raw: unknown): Reward {
  const path = "reward";
  const kind = typeof raw === "object" && raw !== null ? (raw as Obj).kind : undefined;
  const at = (key: string) => join(path, key);
  switch (kind) {
    case "amount": {
      const obj = c.object(raw, path, ["kind", "target", "value", "cap"]) ?? {};
      return {
        kind,
        target: c.target(obj.target, at("target")),
        value: c.value(obj.value, at("value")),
        cap: c.optionalMoney(obj.cap, at("cap")),
      };
    }
    case "tiered": {
      const obj = c.object(raw, path, ["kind", "target", "tiers", "cap"]) ?? {};
      return {
        kind,
        target: c.target(obj.target, at("target")),
        tiers: tiers(c, obj.tiers),
        cap: c.optionalMoney(obj.cap, at("cap")),
      };
    }
    case "freeShipping":
      c.object(raw, path, ["kind"]);
      return { kind };
    case "bxgy": {
      const obj =
        c.object(raw, path, ["kind", "buy", "get", "getProductIds", "percent", "maxUses", "cap"]) ??
        {};
      return {
        kind,
        buy: c.int(obj.buy, at("buy"), 1, 100),
        get: c.int(obj.get, at("get"), 1, 100),
        getProductIds: c.list(obj.getProductIds, at("getProductIds"), PRODUCT_GID, "a product id"),
        percent: c.percent(obj.percent, at("percent")),
        maxUses: c.optionalInt(obj.maxUses, at("maxUses"), 1, 1000),
        cap: c.optionalMoney(obj.cap, at("cap")),
      };
    }
    case "bundle": {
      const obj = c.object(raw, path, ["kind", "items", "value", "maxUses", "cap"]) ?? {};
      return {
        kind,
        items: bundleItems(c, obj.items),
        value: c.value(obj.value, at("value")),
        maxUses: c.optionalInt(obj.maxUses, at("maxUses"), 1, 1000),
        cap: c.optionalMoney(obj.cap, at("cap")),
      };
    }
    default:
      c.fail(at("kind"), 'Expected "amount", "tiered", "freeShipping", "bxgy" or "bundle".');
      return { kind: "freeShipping" };
  }
}

function tiers(c: Checker, raw: unknown): Tier[] {
  const path = "reward.tiers";
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_TIERS) {
    c.fail(path, `Expected 1 to ${MAX_TIERS} tiers.`);
    return [];
  }
  return raw.map((entry, index) => {
    const at = join(path, String(index));
    const obj = c.object(entry, at, ["from", "value"]) ?? {};
    return {
      from: c.money(obj.from, join(at, "from")),
      value: c.value(obj.value, join(at, "value")),
    };
  });
}

function bundleItems(c: Checker, raw: unknown): BundleItem[] {
  const path = "reward.items";
  if (!Array.isArray(raw) || raw.length < 2 || raw.length > MAX_BUNDLE_ITEMS) {
    c.fail(path, `Expected 2 to ${MAX_BUNDLE_ITEMS} bundle items.`);
    return [];
  }
  const seen = new Set<string>();
  return raw.map((entry, index) => {
    const at = join(path, String(index));
    const obj = c.object(entry, at, ["productId", "quantity", "name"]) ?? {};
    const productId = typeof obj.productId === "string" ? obj.productId : "";
    if (!PRODUCT_GID.test(productId)) c.fail(join(at, "productId"), "Expected a product id.");
    else if (seen.has(productId))
      c.fail(join(at, "productId"), "This product is already in the bundle.");
    seen.add(productId);
    const item: BundleItem = {
      productId,
      quantity: c.int(obj.quantity, join(at, "quantity"), 1, 100),
    };
    if (obj.name !== undefined && obj.name !== null) {
      if (typeof obj.name === "string" && obj.name.trim() !== "" && obj.name.length <= MAX_NAME) {
        item.name = obj.name;
      } else
        c.fail(join(at, "name"), `Expected the product's title (at most ${MAX_NAME} characters).`);
    }
    return item;
  });
}

// Shopify tags: up to 255 characters, no commas (a comma separates tags).
function isTag(value: string): boolean {
  return (
    value.length > 0 &&
    value.length <= 255 &&
    !value.includes(",") &&
    value.trim() === value &&
    !hasControl(value)
  );
}

// NUL, tab, newline and the like: invisible in a tag, and PostgreSQL cannot store a NUL at all.
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 0x20) return true;
  return false;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
