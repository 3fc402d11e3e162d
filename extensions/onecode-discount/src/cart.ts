// From the function's input to the cart the rules act on: the campaign's rules, whether this
// buyer may use the code at all, and which lines are eligible. Both targets share it. Every
// field is read defensively: odd input (no customer, no lines, zero prices, a malformed
// metafield) yields "no discount" (null), never an exception.

import { readRules, type CampaignRules } from "../../../app/campaigns/rules";
import { hasRedeemed } from "../../../app/campaigns/rules-redeemed";
import { verifyBoundCode } from "../../../app/campaigns/bound-code";
import type { CartLinesInput, DeliveryInput } from "../generated/api";
import { minorDigits, readRate, shopToMinor, toMinor } from "./money";

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
  rate: number;
  classes: string[];
}

export type RunInput = CartLinesInput | DeliveryInput;

/** The cart to discount, or null when the campaign gives this buyer and cart nothing. */
export function prepareCart(input: RunInput): PreparedCart | null {
  const rules = readRules(input?.discount?.metafield?.jsonValue);
  if (!rules) return null;
  if (!buyerQualifies(input, rules)) return null;

  const rawLines = Array.isArray(input.cart?.lines) ? input.cart.lines : [];
  const digits = minorDigits(currencyOf(rawLines));
  const rate = readRate(input.presentmentCurrencyRate);
  const includeProducts = new Set(rules.includeProductIds);
  const excludeProducts = new Set(rules.excludeProductIds);
  const restricted = includeProducts.size > 0 || rules.includeCollectionIds.length > 0;

  const lines: Line[] = [];
  for (const raw of rawLines) {
    const id = raw?.id;
    const quantity = raw?.quantity;
    if (typeof id !== "string" || !Number.isInteger(quantity) || quantity <= 0) continue;
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
  const min = rules.minSubtotal;
  if (
    min &&
    (min.eligibleOnly ? eligibleSubtotal : sum(lines)) < shopToMinor(min.amount, rate, digits)
  ) {
    return null;
  }
  const classes = Array.isArray(input.discount?.discountClasses)
    ? input.discount.discountClasses
    : [];
  return { rules, lines, eligible, eligibleSubtotal, digits, rate, classes };
}

// Customer rules. A guest has no tags, no order count and no redemption history: it passes a
// rule only when the rule cannot be broken by anyone (an excluded tag), and fails the rules
// that need to know who is buying (required tags, first order, once per customer, bound code).
function buyerQualifies(input: RunInput, rules: CampaignRules): boolean {
  const customer = input.cart?.buyerIdentity?.customer ?? null;
  if (rules.requiredCustomerTags.length > 0 && customer?.hasRequiredTag !== true) return false;
  if (rules.excludedCustomerTags.length > 0 && customer?.hasExcludedTag === true) return false;
  if (rules.firstOrderOnly && customer?.numberOfOrders !== 0) return false;
  if (
    rules.oncePerCustomer &&
    (!customer || hasRedeemed(customer.redeemed?.jsonValue, rules.campaignId))
  ) {
    return false;
  }
  if (rules.boundKey !== null) {
    const code =
      typeof input.triggeringDiscountCode === "string" ? input.triggeringDiscountCode : "";
    const customerId = typeof customer?.id === "string" ? customer.id : null;
    if (!verifyBoundCode(code, rules.boundKey, customerId)) return false;
  }
  return true;
}

function currencyOf(lines: RunInput["cart"]["lines"]): unknown {
  const cost = lines[0]?.cost?.subtotalAmount as { currencyCode?: unknown } | undefined;
  return cost?.currencyCode;
}

function sum(lines: Line[]): number {
  let total = 0;
  for (const line of lines) total += line.subtotal;
  return total;
}
