// The rules editor's typed-in state and its mapping to and from the rules document; anything not
// a clean number passes through unchanged, so the one validator reports it, with its path.
import {
  RULES_VERSION,
  type CampaignRules,
  type Reward,
  type RewardTarget,
  type RewardValue,
} from "@onecode/checkout-rules/rules";
import { REASONS, type Reason, type RuleMessages } from "@onecode/checkout-rules/messages";

/** The choice in the editor's "Reward" select; "percent" and "amount" are both `kind: "amount"`. */
export type RewardChoice = "percent" | "amount" | "tiered" | "freeShipping" | "bxgy" | "bundle";
export type ValueKind = "percent" | "amount";

export interface TierState {
  from: string;
  kind: ValueKind;
  value: string;
}

export interface BundleItemState {
  productId: string;
  quantity: string;
}

/** Every reward's inputs are kept, so switching the reward back and forth loses nothing. */
export interface RewardState {
  choice: RewardChoice;
  target: RewardTarget;
  /** The percentage or amount of a "percent" / "amount" reward. */
  value: string;
  tiers: TierState[];
  buy: string;
  get: string;
  getProductIds: string[];
  getPercent: string;
  bundleItems: BundleItemState[];
  bundleKind: ValueKind;
  bundleValue: string;
  /** Blank for "no limit". */
  maxUses: string;
  /** Blank for "no cap". */
  cap: string;
}

export interface RulesFormState {
  includeProductIds: string[];
  excludeProductIds: string[];
  includeCollectionIds: string[];
  excludeCollectionIds: string[];
  /** Comma-separated, as Shopify's admin takes tags (a tag cannot contain a comma). */
  requiredTags: string;
  excludedTags: string;
  /** Blank for "no minimum". */
  minSubtotal: string;
  minEligibleOnly: boolean;
  firstOrderOnly: boolean;
  oncePerCustomer: boolean;
  /** Not edited here: the campaign's bound-code key travels through unchanged. */
  boundKey: string | null;
  reward: RewardState;
  /** The merchant's wording per reason; blank uses the default. */
  messages: Partial<Record<Reason, string>>;
}

/** Product and collection titles by id, for display only: the document holds ids alone. */
export type ResourceTitles = Record<string, string>;

export function emptyRewardState(): RewardState {
  return {
    choice: "percent",
    target: "order",
    value: "10",
    tiers: [
      { from: "50", kind: "percent", value: "10" },
      { from: "100", kind: "percent", value: "15" },
    ],
    buy: "2",
    get: "1",
    getProductIds: [],
    getPercent: "100",
    bundleItems: [],
    bundleKind: "percent",
    bundleValue: "10",
    maxUses: "",
    cap: "",
  };
}

/**
 * A new campaign's rules: 10% off the order, open to guests. "One code per customer" asks every
 * shopper to sign in, so it is the merchant's choice, not the default.
 */
export function emptyFormState(): RulesFormState {
  return {
    includeProductIds: [],
    excludeProductIds: [],
    includeCollectionIds: [],
    excludeCollectionIds: [],
    requiredTags: "",
    excludedTags: "",
    minSubtotal: "",
    minEligibleOnly: false,
    firstOrderOnly: false,
    oncePerCustomer: false,
    boundKey: null,
    reward: emptyRewardState(),
    messages: {},
  };
}

// ---- state → document ----------------------------------------------------------------------

/**
 * The rules document the state describes (not yet validated: run it through serializeRules).
 * Known product titles go with the bundle's items, so a shopper can be told which one is missing.
 */
export function documentFromState(
  state: RulesFormState,
  campaignId: string,
  titles: ResourceTitles = {},
): unknown {
  return {
    v: RULES_VERSION,
    campaignId,
    includeProductIds: state.includeProductIds,
    excludeProductIds: state.excludeProductIds,
    includeCollectionIds: state.includeCollectionIds,
    excludeCollectionIds: state.excludeCollectionIds,
    requiredCustomerTags: tagsFromText(state.requiredTags),
    excludedCustomerTags: tagsFromText(state.excludedTags),
    minSubtotal:
      state.minSubtotal.trim() === ""
        ? null
        : { amount: state.minSubtotal.trim(), eligibleOnly: state.minEligibleOnly },
    firstOrderOnly: state.firstOrderOnly,
    oncePerCustomer: state.oncePerCustomer,
    boundKey: state.boundKey,
    reward: rewardFromState(state.reward, titles),
    messages: messagesFromState(state.messages),
    eligibleNames: eligibleNamesOf(state, titles),
  };
}

// What the shopper is told is eligible: the included collections, then products, by title, as
// far as the titles are known (five at most keeps the message short).
function eligibleNamesOf(state: RulesFormState, titles: ResourceTitles): string[] {
  return [...state.includeCollectionIds, ...state.includeProductIds]
    .map((id) => titles[id]?.trim().slice(0, 100) ?? "")
    .filter((name) => name !== "")
    .slice(0, 5);
}

// A blank message means "use the default": it is left out of the document.
function messagesFromState(messages: RulesFormState["messages"]): RuleMessages {
  const out: RuleMessages = {};
  for (const reason of REASONS) {
    const text = messages[reason]?.trim();
    if (text) out[reason] = text;
  }
  return out;
}

function rewardFromState(r: RewardState, titles: ResourceTitles): unknown {
  const cap = optional(r.cap);
  switch (r.choice) {
    case "percent":
    case "amount":
      return { kind: "amount", target: r.target, value: valueOf(r.choice, r.value), cap };
    case "tiered":
      return {
        kind: "tiered",
        target: r.target,
        tiers: r.tiers.map((t) => ({ from: t.from.trim(), value: valueOf(t.kind, t.value) })),
        cap,
      };
    case "freeShipping":
      return { kind: "freeShipping" };
    case "bxgy":
      return {
        kind: "bxgy",
        buy: numberOrText(r.buy),
        get: numberOrText(r.get),
        getProductIds: r.getProductIds,
        percent: numberOrText(r.getPercent),
        maxUses: optionalNumber(r.maxUses),
        cap,
      };
    case "bundle":
      return {
        kind: "bundle",
        items: r.bundleItems.map((i) => {
          const name = titles[i.productId]?.trim().slice(0, 100);
          return {
            productId: i.productId,
            quantity: numberOrText(i.quantity),
            ...(name ? { name } : {}),
          };
        }),
        value: valueOf(r.bundleKind, r.bundleValue),
        maxUses: optionalNumber(r.maxUses),
        cap,
      };
  }
}

function valueOf(kind: ValueKind, text: string): unknown {
  return kind === "percent" ? { percent: numberOrText(text) } : { amount: text.trim() };
}

/** "15" → 15; anything that is not a number stays text, for the validator to name. */
function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  const number = Number(trimmed);
  return trimmed !== "" && Number.isFinite(number) ? number : trimmed;
}

function optional(text: string): string | null {
  return text.trim() === "" ? null : text.trim();
}

function optionalNumber(text: string): number | string | null {
  return text.trim() === "" ? null : numberOrText(text);
}

/** "vip, wholesale,, vip" → ["vip", "wholesale"]. */
export function tagsFromText(text: string): string[] {
  const tags = text
    .split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "");
  return [...new Set(tags)];
}

// ---- document → state ----------------------------------------------------------------------

/** The editor's state for a stored (already validated) rules document. */
export function stateFromRules(rules: CampaignRules): RulesFormState {
  return {
    includeProductIds: rules.includeProductIds,
    excludeProductIds: rules.excludeProductIds,
    includeCollectionIds: rules.includeCollectionIds,
    excludeCollectionIds: rules.excludeCollectionIds,
    requiredTags: rules.requiredCustomerTags.join(", "),
    excludedTags: rules.excludedCustomerTags.join(", "),
    minSubtotal: rules.minSubtotal?.amount ?? "",
    minEligibleOnly: rules.minSubtotal?.eligibleOnly ?? false,
    firstOrderOnly: rules.firstOrderOnly,
    oncePerCustomer: rules.oncePerCustomer,
    boundKey: rules.boundKey,
    reward: rewardStateFrom(rules.reward),
    messages: { ...rules.messages },
  };
}

function rewardStateFrom(reward: Reward): RewardState {
  const base = emptyRewardState();
  switch (reward.kind) {
    case "amount": {
      const value = textOf(reward.value);
      return {
        ...base,
        choice: value.kind,
        target: reward.target,
        value: value.text,
        cap: capOf(reward.cap),
      };
    }
    case "tiered":
      return {
        ...base,
        choice: "tiered",
        target: reward.target,
        tiers: reward.tiers.map((t) => {
          const value = textOf(t.value);
          return { from: t.from, kind: value.kind, value: value.text };
        }),
        cap: capOf(reward.cap),
      };
    case "freeShipping":
      return { ...base, choice: "freeShipping" };
    case "bxgy":
      return {
        ...base,
        choice: "bxgy",
        buy: String(reward.buy),
        get: String(reward.get),
        getProductIds: reward.getProductIds,
        getPercent: String(reward.percent),
        maxUses: reward.maxUses === null ? "" : String(reward.maxUses),
        cap: capOf(reward.cap),
      };
    case "bundle": {
      const value = textOf(reward.value);
      return {
        ...base,
        choice: "bundle",
        bundleItems: reward.items.map((i) => ({
          productId: i.productId,
          quantity: String(i.quantity),
        })),
        bundleKind: value.kind,
        bundleValue: value.text,
        maxUses: reward.maxUses === null ? "" : String(reward.maxUses),
        cap: capOf(reward.cap),
      };
    }
  }
}

function textOf(value: RewardValue): { kind: ValueKind; text: string } {
  return "percent" in value
    ? { kind: "percent", text: String(value.percent) }
    : { kind: "amount", text: value.amount };
}

function capOf(cap: string | null): string {
  return cap ?? "";
}

/** Every product and collection id the rules name, for looking up their titles. */
export function resourceIdsOf(rules: CampaignRules): string[] {
  const ids = [
    ...rules.includeProductIds,
    ...rules.excludeProductIds,
    ...rules.includeCollectionIds,
    ...rules.excludeCollectionIds,
  ];
  if (rules.reward.kind === "bxgy") ids.push(...rules.reward.getProductIds);
  if (rules.reward.kind === "bundle") ids.push(...rules.reward.items.map((i) => i.productId));
  return [...new Set(ids)];
}
