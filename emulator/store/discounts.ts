import { nowIso, type EmulatorState } from "./context";
import { nextGid } from "./ids";
import { deleteMetafields } from "./metafields";
import type { CodeDiscount, Gid, RedeemCode, ShopRecord } from "./types";

export type NewCodeDiscount = Omit<CodeDiscount, "id" | "createdAt" | "updatedAt">;

function newDiscount(
  state: EmulatorState,
  type: "DiscountCodeNode" | "DiscountAutomaticNode",
  input: NewCodeDiscount,
): CodeDiscount {
  const at = nowIso(state);
  return { ...input, id: nextGid(state.ids, type), createdAt: at, updatedAt: at };
}

/** Stores a code discount whose input was already validated (see graphql/resolvers). */
export function createCodeDiscount(
  state: EmulatorState,
  shop: ShopRecord,
  input: NewCodeDiscount,
): CodeDiscount {
  const discount = newDiscount(state, "DiscountCodeNode", input);
  shop.discounts.set(discount.id, discount);
  return discount;
}

export function getDiscount(shop: ShopRecord, id: Gid): CodeDiscount | undefined {
  return shop.discounts.get(id);
}

export function listDiscounts(shop: ShopRecord): CodeDiscount[] {
  return [...shop.discounts.values()];
}

export function updateCodeDiscount(
  state: EmulatorState,
  discount: CodeDiscount,
  changes: Partial<NewCodeDiscount>,
): CodeDiscount {
  Object.assign(discount, changes, { updatedAt: nowIso(state) });
  return discount;
}

export type DiscountStatus = "ACTIVE" | "EXPIRED" | "SCHEDULED";

/** Shopify's DiscountStatus, derived from the window (there is no separate "inactive" flag). */
export function discountStatus(state: EmulatorState, discount: CodeDiscount): DiscountStatus {
  const now = state.now();
  if (Date.parse(discount.startsAt) > now) return "SCHEDULED";
  if (discount.endsAt !== null && Date.parse(discount.endsAt) <= now) return "EXPIRED";
  return "ACTIVE";
}

/**
 * discountCodeDeactivate ends the discount now (endsAt = now, a future startsAt moves to now): its
 * status becomes EXPIRED; an already expired discount is left untouched
 * (https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountCodeDeactivate).
 */
export function deactivateDiscount(state: EmulatorState, discount: CodeDiscount): void {
  const status = discountStatus(state, discount);
  if (status === "EXPIRED") return;
  const at = nowIso(state);
  if (status === "SCHEDULED") discount.startsAt = at;
  discount.endsAt = at;
  discount.updatedAt = at;
}

/** discountCodeActivate makes the discount active now: starts now if scheduled, no end if ended. */
export function activateDiscount(state: EmulatorState, discount: CodeDiscount): void {
  const status = discountStatus(state, discount);
  if (status === "ACTIVE") return;
  const at = nowIso(state);
  if (status === "SCHEDULED") discount.startsAt = at;
  if (status === "EXPIRED") discount.endsAt = null;
  discount.updatedAt = at;
}

export function codesOfDiscount(shop: ShopRecord, discountId: Gid): RedeemCode[] {
  const ids = shop.codesByDiscount.get(discountId);
  if (!ids) return [];
  const codes: RedeemCode[] = [];
  for (const id of ids) {
    const code = shop.redeemCodes.get(id);
    if (code) codes.push(code);
  }
  return codes;
}

/** Sum of its codes' usage, as DiscountCodeApp.asyncUsageCount reports. */
export function discountUsageCount(shop: ShopRecord, discountId: Gid): number {
  return codesOfDiscount(shop, discountId).reduce((sum, c) => sum + c.asyncUsageCount, 0);
}

/** discountCodeDelete: the discount, its codes, their usage and its metafields go. */
export function deleteCodeDiscount(shop: ShopRecord, discountId: Gid): boolean {
  if (!shop.discounts.delete(discountId)) return false;
  for (const code of codesOfDiscount(shop, discountId)) {
    shop.redeemCodes.delete(code.id);
    shop.codeIndex.delete(code.code.toLowerCase());
    shop.codeUsage.delete(code.id);
  }
  shop.codesByDiscount.delete(discountId);
  deleteMetafields(shop, discountId);
  return true;
}

/** The shop's automatic discounts (a state saved before they existed has none). */
export function automaticDiscountsOf(shop: ShopRecord): Map<Gid, CodeDiscount> {
  shop.automaticDiscounts ??= new Map();
  return shop.automaticDiscounts;
}

/** Stores an automatic app discount whose input was already validated (graphql/resolvers). */
export function createAutomaticDiscount(
  state: EmulatorState,
  shop: ShopRecord,
  input: NewCodeDiscount,
): CodeDiscount {
  const discount = newDiscount(state, "DiscountAutomaticNode", input);
  automaticDiscountsOf(shop).set(discount.id, discount);
  return discount;
}

/** discountAutomaticDelete: the discount and its metafields go. */
export function deleteAutomaticDiscount(shop: ShopRecord, discountId: Gid): boolean {
  if (!automaticDiscountsOf(shop).delete(discountId)) return false;
  deleteMetafields(shop, discountId);
  return true;
}
