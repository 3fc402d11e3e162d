// The automatic discount's run: it gives no discount, it only rejects entered OneCode codes whose
// campaign's rules this cart or buyer fails, with the reason the shopper can act on. Shopify
// lets only a function backed by an automatic discount do so ("This operation can only be used
// if the function is backed by an automatic discount", EnteredDiscountCodesRejectOperation),
// and only codes it marks `rejectable` ("A discount code can't be rejected if it's associated
// with a discount that has already been applied to the cart", EnteredDiscountCode.rejectable).
// Each code is mapped to its campaign by format (@onecode/checkout-rules/rejection-index), then the
// campaign's own checks (cart.ts, reward.ts) decide, as in the campaign discount's run.
import type { CampaignRules } from "@onecode/checkout-rules/rules";
import {
  campaignForCode,
  type IndexEntry,
  type RejectionIndex,
} from "@onecode/checkout-rules/rejection-index";
import type { CartLinesDiscountsGenerateRunResult, CartLinesInput } from "../generated/api";
import { prepareCart, type Refusal } from "./cart";
import { rejectOperation, type RejectOperation } from "./refusal";
import { planLines, shortfall } from "./reward";

export function rejectEnteredCodes(
  input: CartLinesInput,
  index: RejectionIndex,
): CartLinesDiscountsGenerateRunResult {
  const operations: RejectOperation[] = [];
  const entered = Array.isArray(input.enteredDiscountCodes) ? input.enteredDiscountCodes : [];
  for (const entry of entered) {
    if (typeof entry?.code !== "string" || entry.rejectable !== true) continue;
    const campaign = campaignForCode(index, entry.code);
    if (!campaign) continue;
    const view = campaignView(input, campaign, entry.code);
    const refused = refusalOf(view);
    if (!refused) continue;
    const operation = rejectOperation(view, refused.refusal, refused.rules, refused.currency);
    if (operation) operations.push(operation);
  }
  return { operations };
}

interface Refused {
  refusal: Refusal | null;
  rules: CampaignRules | null;
  currency: string;
}

function refusalOf(view: CartLinesInput): Refused | null {
  const prepared = prepareCart(view);
  if (!prepared.ok) return prepared;
  const cart = prepared.cart;
  // Free shipping has no line reward; past the cart checks its code is good.
  if (cart.rules.reward.kind === "freeShipping") return null;
  if (planLines(cart)) return null;
  return { refusal: shortfall(cart), rules: cart.rules, currency: cart.currency };
}

/**
 * The input as the campaign's own discount run would see it for this code: its rules in place
 * of the index, its customer-tag answers picked out by position, and collection answers kept
 * only where they are its own (an answer over other campaigns' collections may only make more
 * lines eligible, which can never refuse a code wrongly).
 */
function campaignView(input: CartLinesInput, campaign: IndexEntry, code: string): CartLinesInput {
  const customer = input.cart?.buyerIdentity?.customer ?? null;
  const answers = Array.isArray(customer?.tags) ? customer.tags : [];
  const rules = campaign.rules;
  const hasInclude = rules.includeCollectionIds.length > 0;
  const hasExclude = rules.excludeCollectionIds.length > 0;
  const lines = Array.isArray(input.cart?.lines) ? input.cart.lines : [];
  return {
    ...input,
    triggeringDiscountCode: code,
    discount: { metafield: { jsonValue: rules } },
    cart: {
      ...input.cart,
      buyerIdentity: customer
        ? {
            customer: {
              ...customer,
              tags: campaign.tags.map((i) => ({ hasTag: answers[i]?.hasTag === true })),
            },
          }
        : input.cart?.buyerIdentity,
      lines: lines.map((line) => {
        const merchandise = line?.merchandise;
        if (!merchandise || !("product" in merchandise) || !merchandise.product) return line;
        const product = merchandise.product;
        return {
          ...line,
          merchandise: {
            ...merchandise,
            product: {
              ...product,
              inIncluded: hasInclude && product.inIncluded === true,
              inExcluded: hasExclude && campaign.exactExclude && product.inExcluded === true,
            },
          },
        };
      }),
    },
  };
}
