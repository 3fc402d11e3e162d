import { nowIso, type EmulatorState } from "./context";
import { discountStatus } from "./discounts";
import { nextGid } from "./ids";
import { settleJobs } from "./jobs";
import type { CodeDiscount, Gid, RedeemCode, ShopRecord, UserError } from "./types";

/** Shopify caps a code at 255 characters. */
export const MAX_CODE_LENGTH = 255;

export interface CodeProblem {
  /** Attribute message as Shopify words it for a bulk creation's per-code errors. */
  message: string;
  code: "BLANK" | "TOO_LONG" | "INVALID";
}

/**
 * A redeem code's own rules, as Shopify's Admin API 2026-04 reported them per code of a bulk
 * creation (captured answers): empty is "is too short (minimum is 1 character)", over 255
 * characters "is too long (maximum is 255 characters)", a \n or \r "cannot contain newline
 * characters.". A code of only spaces is treated as empty. Captured answers: https://github.com/airhorns/shopify-draft-proxy/blob/main/fixtures/conformance/harry-test-heelo.myshopify.com/2026-04/discounts/discount-redeem-code-bulk-add-validation.json
 */
export function redeemCodeProblem(code: string): CodeProblem | null {
  if (code.trim() === "")
    return { message: "is too short (minimum is 1 character)", code: "BLANK" };
  if (code.length > MAX_CODE_LENGTH) {
    return { message: `is too long (maximum is ${MAX_CODE_LENGTH} characters)`, code: "TOO_LONG" };
  }
  if (/[\r\n]/.test(code))
    return { message: "cannot contain newline characters.", code: "INVALID" };
  return null;
}

/** The same rules as a mutation's userError on a `code` argument ("Code can't be blank" ...). */
export function validateRedeemCode(code: string, field: string[]): UserError | null {
  const problem = redeemCodeProblem(code);
  if (!problem) return null;
  const message = problem.code === "BLANK" ? "Code can't be blank" : `Code ${problem.message}`;
  return { field, message, code: problem.code };
}

export function isCodeTaken(shop: ShopRecord, code: string): boolean {
  return shop.codeIndex.has(code.toLowerCase());
}

/**
 * Adds one code to a discount, enforcing validity, per-shop case-insensitive uniqueness and the
 * per-shop cap (emulator wording: Shopify documents no per-shop cap message); returns the new code
 * or the per-code error a bulk creation reports.
 */
export function addRedeemCode(
  state: EmulatorState,
  shop: ShopRecord,
  discountId: Gid,
  code: string,
  createdByApiKey: string | null,
): { redeemCode: RedeemCode } | { error: UserError } {
  // Per-code errors of a bulk creation carry field ["code"] and a null code (captured answers).
  const problem = redeemCodeProblem(code);
  if (problem) return { error: { field: ["code"], message: problem.message, code: null } };
  if (isCodeTaken(shop, code)) {
    return {
      error: {
        field: ["code"],
        message: "must be unique. Please try a different code.",
        code: null,
      },
    };
  }
  if (shop.redeemCodes.size >= state.options.maxCodesPerShop) {
    return {
      error: {
        field: ["code"],
        message: `exceeds the shop's limit of ${state.options.maxCodesPerShop} discount codes.`,
        code: null,
      },
    };
  }
  const redeemCode: RedeemCode = {
    id: nextGid(state.ids, "DiscountRedeemCode"),
    discountId,
    code,
    asyncUsageCount: 0,
    createdByApiKey,
    createdAt: nowIso(state),
  };
  shop.redeemCodes.set(redeemCode.id, redeemCode);
  shop.codeIndex.set(code.toLowerCase(), redeemCode.id);
  let ids = shop.codesByDiscount.get(discountId);
  if (!ids) {
    ids = new Set();
    shop.codesByDiscount.set(discountId, ids);
  }
  ids.add(redeemCode.id);
  return { redeemCode };
}

export function deleteRedeemCode(shop: ShopRecord, codeId: Gid): boolean {
  const code = shop.redeemCodes.get(codeId);
  if (!code) return false;
  shop.redeemCodes.delete(codeId);
  shop.codeIndex.delete(code.code.toLowerCase());
  shop.codeUsage.delete(codeId);
  shop.codesByDiscount.get(code.discountId)?.delete(codeId);
  return true;
}

/** Case-insensitive lookup, as checkout and codeDiscountNodeByCode do. Runs due jobs first. */
export function findRedeemCode(
  state: EmulatorState,
  shop: ShopRecord,
  code: string,
): { discount: CodeDiscount; redeemCode: RedeemCode } | undefined {
  settleJobs(state, shop);
  const id = shop.codeIndex.get(code.toLowerCase());
  const redeemCode = id ? shop.redeemCodes.get(id) : undefined;
  const discount = redeemCode ? shop.discounts.get(redeemCode.discountId) : undefined;
  return redeemCode && discount ? { discount, redeemCode } : undefined;
}

/** Who counts as "a customer" for once-per-customer: the customer, else a guest's email. */
export function buyerKey(customerId: Gid | null, email?: string | null): string | null {
  if (customerId) return customerId;
  return email ? `email:${email.toLowerCase()}` : null;
}

export function usageByBuyer(shop: ShopRecord, codeId: Gid, buyer: string): number {
  return shop.codeUsage.get(codeId)?.get(buyer) ?? 0;
}

export type RedeemRefusal =
  | "NOT_FOUND"
  | "SCHEDULED"
  | "EXPIRED"
  | "USAGE_LIMIT_REACHED"
  | "ONCE_PER_CUSTOMER"
  | "CUSTOMER_NOT_ELIGIBLE"
  | "CUSTOMER_REQUIRED";

export type RedeemCheck =
  | { ok: true; discount: CodeDiscount; redeemCode: RedeemCode }
  | { ok: false; reason: RedeemRefusal; message: string };

const REFUSALS: Record<RedeemRefusal, string> = {
  NOT_FOUND: "Enter a valid discount code",
  SCHEDULED: "This discount isn't active yet",
  EXPIRED: "This discount has expired",
  USAGE_LIMIT_REACHED: "Discount code usage limit has been reached",
  ONCE_PER_CUSTOMER: "This discount has already been used",
  CUSTOMER_NOT_ELIGIBLE: "This discount isn't available to you",
  CUSTOMER_REQUIRED: "Log in or enter an email to use this discount",
};

function refuse(reason: RedeemRefusal): RedeemCheck {
  return { ok: false, reason, message: REFUSALS[reason] };
}

/**
 * Shopify's native checks before a code reaches the discount function: the code exists, the
 * discount is in its window, the redeem code is under its usageLimit, the buyer has not used it
 * when appliesOncePerCustomer, and the buyer is in the discount's customer selection.
 * usageLimit and appliesOncePerCustomer count per redeem code, not per discount (decision 029).
 */
export function checkCodeRedeemable(
  state: EmulatorState,
  shop: ShopRecord,
  code: string,
  customerId: Gid | null,
  email?: string | null,
): RedeemCheck {
  const found = findRedeemCode(state, shop, code);
  if (!found) return refuse("NOT_FOUND");
  const { discount, redeemCode } = found;
  const status = discountStatus(state, discount);
  if (status === "SCHEDULED") return refuse("SCHEDULED");
  if (status === "EXPIRED") return refuse("EXPIRED");
  if (discount.customerIds && (!customerId || !discount.customerIds.includes(customerId))) {
    return refuse("CUSTOMER_NOT_ELIGIBLE");
  }
  if (discount.usageLimit !== null && redeemCode.asyncUsageCount >= discount.usageLimit) {
    return refuse("USAGE_LIMIT_REACHED");
  }
  if (discount.appliesOncePerCustomer) {
    const buyer = buyerKey(customerId, email);
    if (!buyer) return refuse("CUSTOMER_REQUIRED");
    if (usageByBuyer(shop, redeemCode.id, buyer) > 0) return refuse("ONCE_PER_CUSTOMER");
  }
  return { ok: true, discount, redeemCode };
}

/**
 * Counts one use of a code by a buyer. It re-runs the native checks in the same synchronous step,
 * so of two checkouts racing for a single-use code exactly one gets ok: true.
 */
export function recordCodeUsage(
  state: EmulatorState,
  shop: ShopRecord,
  codeId: Gid,
  customerId: Gid | null,
  email?: string | null,
): RedeemCheck {
  const redeemCode = shop.redeemCodes.get(codeId);
  if (!redeemCode) return refuse("NOT_FOUND");
  const check = checkCodeRedeemable(state, shop, redeemCode.code, customerId, email);
  if (!check.ok) return check;
  redeemCode.asyncUsageCount += 1;
  const buyer = buyerKey(customerId, email);
  if (buyer) {
    let usage = shop.codeUsage.get(codeId);
    if (!usage) {
      usage = new Map();
      shop.codeUsage.set(codeId, usage);
    }
    usage.set(buyer, (usage.get(buyer) ?? 0) + 1);
  }
  return check;
}
