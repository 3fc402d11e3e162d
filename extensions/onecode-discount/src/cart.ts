// From the function's input to the cart the rules act on: the campaign's rules, whether this
// buyer may use the code at all, and which lines are eligible. Both targets share it. Every
// field is read defensively: odd input (no customer, no lines, zero prices, a malformed
// metafield) yields "no discount", never an exception. A rule the cart or buyer fails comes
// back as the reason the shopper is told (refusal.ts); odd input has no reason to tell.

import { readRules, type CampaignRules } from "@onecode/checkout-rules/rules";
import { hasRedeemed } from "@onecode/checkout-rules/redeemed";
import { verifyBoundCode } from "@onecode/checkout-rules/bound-code";
import type { Reason } from "@onecode/checkout-rules/messages";
import type { CartLinesInput, DeliveryInput } from "../generated/api";
import { minorDigits } from "@onecode/checkout-rules/currency";
import { readRate, shopToMinor, toMinor } from "./money";

export interface Line {
  id: string;
  quantity: number;
  /** Line subtotal before discounts, in minor units of the cart's currency. */
  subtotal: number;
  productId: string | null;
  /** Matched by an exclude list: never discounted, not even by a bundle or "get" reward. */
  excluded: boolean;
  /** Passes the include and exclude lists and costs something. */
  eligible: boolean;
}

export interface PreparedCart {
  rules: CampaignRules;
  lines: Line[];
  eligible: Line[];
  /** Sum of eligible lines' subtotals, minor units. */
  eligibleSubtotal: number;
  digits: number;
  /** The cart's currency ("" when the input does not say). */
  currency: string;
  rate: number;
}

/** Why the campaign gives this buyer and cart nothing, with what the message fills in. */
export interface Refusal {
  reason: Reason;
  /** minimumSpend: what is still missing, minor units of the cart's currency. */
  missing?: number;
  /** bundleIncomplete: the bundle items still missing. */
  products?: { name: string | null; quantity: number }[];
}

/** The cart to discount, or why not (refusal null: nothing worth telling the shopper). */
export type Prepared =
  | { ok: true; cart: PreparedCart }
  | { ok: false; refusal: Refusal | null; rules: CampaignRules | null; currency: string };

export type RunInput = CartLinesInput | DeliveryInput;

export function prepareCart(input: RunInput): Prepared {
  const rules = readRules(input?.discount?.metafield?.jsonValue);
  if (!rules) return { ok: false, refusal: null, rules, currency: "" };
  const rawLines = Array.isArray(input.cart?.lines) ? input.cart.lines : [];
  const currency = currencyOf(rawLines);
  const refuse = (refusal: Refusal | null): Prepared => ({ ok: false, refusal, rules, currency });
  const buyer = buyerRefusal(input, rules);
  if (buyer) return refuse({ reason: buyer });

  const digits = minorDigits(currency);
  const rate = readRate(input.presentmentCurrencyRate);
  const includeProducts = new Set(rules.includeProductIds);
  const excludeProducts = new Set(rules.excludeProductIds);
  const restricted = includeProducts.size > 0 || rules.includeCollectionIds.length > 0;

  const lines: Line[] = [];
  for (const raw of rawLines) {
    const id = raw?.id;
    // The delivery target's query leaves quantities out (free shipping needs none): one unit.
    const quantity: unknown =
      typeof raw === "object" && raw && "quantity" in raw ? raw.quantity : 1;
    if (typeof id !== "string" || typeof quantity !== "number") continue;
    if (!Number.isInteger(quantity) || quantity <= 0) continue;
    const merchandise = raw.merchandise;
    // Only a ProductVariant has a product; a custom product (no product) is never eligible.
    // (No __typename in the query: it would add to the input query's cost.)
    const product = merchandise && "product" in merchandise ? merchandise.product : null;
    const productId = typeof product?.id === "string" ? product.id : null;
    const subtotal = toMinor(raw.cost?.subtotalAmount?.amount, digits);
    const excluded =
      productId !== null && (excludeProducts.has(productId) || product?.inExcluded === true);
    const included =
      productId !== null &&
      (!restricted || includeProducts.has(productId) || product?.inIncluded === true);
    lines.push({
      id,
      quantity,
      subtotal,
      productId,
      excluded,
      eligible: included && !excluded && subtotal > 0,
    });
  }

  const eligible = lines.filter((line) => line.eligible);
  const eligibleSubtotal = sum(eligible);
  // A bundle names its own products; every other reward needs an eligible line.
  if (eligible.length === 0 && rules.reward.kind !== "bundle") {
    return refuse(lines.length > 0 ? { reason: "noEligibleProduct" } : null);
  }
  const min = rules.minSubtotal;
  if (min) {
    const spent = min.eligibleOnly ? eligibleSubtotal : sum(lines);
    const missing = shopToMinor(min.amount, rate, digits) - spent;
    if (missing > 0) return refuse({ reason: "minimumSpend", missing });
  }
  return {
    ok: true,
    cart: { rules, lines, eligible, eligibleSubtotal, digits, currency, rate },
  };
}

// Customer rules. A guest has no tags, no order count and no redemption history: it passes a
// rule only when the rule cannot be broken by anyone (an excluded tag), and is asked to sign in
// for the rules that need to know who is buying (required tags, first order, once per
// customer, bound code).
function buyerRefusal(input: RunInput, rules: CampaignRules): Reason | null {
  const customer = input.cart?.buyerIdentity?.customer ?? null;
  const needsAccount =
    rules.requiredCustomerTags.length > 0 ||
    rules.firstOrderOnly ||
    rules.oncePerCustomer ||
    rules.boundKey !== null;
  if (!customer) return needsAccount ? "signIn" : null;
  if (rules.boundKey !== null) {
    const code =
      typeof input.triggeringDiscountCode === "string" ? input.triggeringDiscountCode : "";
    const customerId = typeof customer.id === "string" ? customer.id : null;
    if (!verifyBoundCode(code, rules.boundKey, customerId)) return "otherAccount";
  }
  if (rules.oncePerCustomer && hasRedeemed(customer.redeemed?.jsonValue, rules.campaignId)) {
    return "alreadyUsed";
  }
  if (rules.firstOrderOnly && customer.numberOfOrders !== 0) return "firstOrder";
  // `hasTags` answers the required tags, then the excluded ones, position by position.
  const answers = Array.isArray(customer.tags) ? customer.tags : [];
  const has = (index: number) => answers[index]?.hasTag === true;
  const required = rules.requiredCustomerTags.length;
  if (required > 0 && !rules.requiredCustomerTags.some((_, i) => has(i))) return "customerTag";
  if (rules.excludedCustomerTags.some((_, i) => has(required + i))) return "customerTag";
  return null;
}

function currencyOf(lines: RunInput["cart"]["lines"]): string {
  const cost = lines[0]?.cost?.subtotalAmount as { currencyCode?: unknown } | undefined;
  return typeof cost?.currencyCode === "string" ? cost.currencyCode : "";
}

function sum(lines: Line[]): number {
  let total = 0;
  for (const line of lines) total += line.subtotal;
  return total;
}
