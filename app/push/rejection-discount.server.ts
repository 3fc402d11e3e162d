// The shop's code-rejection automatic discount (decision 024): gives nothing, and its function run
// rejects an entered OneCode code with its campaign's reason. Created on first need, kept in step.
import { fail, ok, type Result } from "../result";
import { parseFormat, type FormatInput } from "../codes/format";
import { buildRejectionIndex, type IndexedCampaign } from "../campaigns/rejection-index-build";
import { RULES_METAFIELD } from "@onecode/checkout-rules/rules";
import db from "../db.server";
import { ShopifyAdminError } from "./admin-errors";
import { discountInput, FUNCTION_HANDLE } from "./discount-input";
import {
  REJECTION_DISCOUNT_CREATE,
  REJECTION_DISCOUNT_DELETE,
  REJECTION_DISCOUNT_READ,
  REJECTION_INDEX_SET,
} from "./documents";
import type { PacedAdmin } from "./paced-admin.server";

interface UserError {
  field: string[] | null;
  message: string;
  code: string | null;
}

export const REJECTION_DISCOUNT_TITLE = "OneCode: tells shoppers why a code was refused";

// Campaigns whose discount Shopify holds and whose codes a shopper may enter.
const LIVE = ["pushing", "active"] as const;
// Enough for a burst of saves to settle, as for a campaign's own discount.
const MAX_ROUNDS = 3;

/** `shopify_refused`: Shopify's userErrors; `shopify_failed`: an Admin API failure. */
export type RejectionSyncCode = "not_installed" | "shopify_refused" | "shopify_failed";
export type RejectionSync = Result<
  { discountId: string | null; listed: string[]; leftOut: string[] },
  RejectionSyncCode
>;

/** The index the shop's live campaigns call for, newest campaign first. */
export async function rejectionIndexOf(shop: string) {
  const campaigns = await db.campaign.findMany({
    // A campaign past its end is left out: its codes' discount has expired, and Shopify's own
    // words for that are the right ones.
    where: {
      shop,
      status: { in: [...LIVE] },
      shopifyDiscountId: { not: null },
      OR: [{ endsAt: null }, { endsAt: { gt: new Date() } }],
    },
    select: {
      id: true,
      name: true,
      startsAt: true,
      endsAt: true,
      rules: true,
      bindingKey: true,
      codeFormat: true,
    },
    orderBy: { createdAt: "desc" },
  });
  const indexed: IndexedCampaign[] = [];
  let startsAt: Date | null = null;
  for (const campaign of campaigns) {
    const input = discountInput(campaign, { create: false });
    const format = parseFormat((campaign.codeFormat ?? {}) as FormatInput);
    // A campaign whose rules or format cannot be read has no discount run either.
    if (!input.ok || !format.ok) continue;
    indexed.push({
      rules: input.rules,
      pattern: format.format.pattern,
      alphabet: format.format.alphabet,
      bound: campaign.bindingKey !== null,
    });
    if (!startsAt || campaign.startsAt < startsAt) startsAt = campaign.startsAt;
  }
  return { ...buildRejectionIndex(indexed), startsAt: startsAt ?? new Date() };
}

/**
 * Brings the shop's rejection discount in line with its live campaigns: creates it when a
 * campaign first needs it (or the merchant deleted it), rewrites its index when it changed.
 * A shop with no live campaign and no discount yet is left alone.
 */
export async function syncRejectionDiscount(
  admin: PacedAdmin,
  shop: string,
  options: { signal?: AbortSignal } = {},
): Promise<RejectionSync> {
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const built = await rejectionIndexOf(shop);
      const row = await db.shop.findUnique({
        where: { domain: shop },
        select: { rejectionDiscountId: true, rejectionIndex: true },
      });
      if (!row) return fail("not_installed", "This store is not installed.");
      const done = { listed: built.listed, leftOut: built.leftOut };
      let id = row.rejectionDiscountId;
      if (id && !(await exists(admin, id, options.signal))) {
        await db.shop.updateMany({
          where: { domain: shop, rejectionDiscountId: id },
          data: { rejectionDiscountId: null, rejectionIndex: null },
        });
        id = null;
      }
      if (!id) {
        if (built.listed.length === 0) return ok({ ...done, discountId: null });
        const created = await create(admin, built.json, built.startsAt, options.signal);
        if (!created.ok) return created;
        const claimed = await db.shop.updateMany({
          where: { domain: shop, rejectionDiscountId: null },
          data: { rejectionDiscountId: created.id, rejectionIndex: built.json },
        });
        // Another process created one meanwhile: one discount per shop, so ours goes.
        if (claimed.count === 0) await remove(admin, created.id, options.signal);
        continue;
      }
      if (row.rejectionIndex === built.json) return ok({ ...done, discountId: id });
      const written = await writeIndex(admin, id, built.json, options.signal);
      if (!written.ok) return written;
      await db.shop.updateMany({
        where: { domain: shop, rejectionDiscountId: id },
        data: { rejectionIndex: built.json },
      });
    }
    const row = await db.shop.findUnique({
      where: { domain: shop },
      select: { rejectionDiscountId: true },
    });
    const built = await rejectionIndexOf(shop);
    return ok({
      discountId: row?.rejectionDiscountId ?? null,
      listed: built.listed,
      leftOut: built.leftOut,
    });
  } catch (error) {
    if (error instanceof ShopifyAdminError) return fail("shopify_failed", error.message);
    throw error;
  }
}

async function exists(admin: PacedAdmin, id: string, signal?: AbortSignal): Promise<boolean> {
  const data = await admin.request<{ automaticDiscountNode: { id: string } | null }>(
    REJECTION_DISCOUNT_READ,
    { id },
    { signal },
  );
  return data.automaticDiscountNode !== null;
}

async function create(
  admin: PacedAdmin,
  json: string,
  startsAt: Date,
  signal?: AbortSignal,
): Promise<Result<{ id: string }, "shopify_refused">> {
  const data = await admin.request<{
    discountAutomaticAppCreate: {
      automaticAppDiscount: { discountId: string } | null;
      userErrors: UserError[];
    } | null;
  }>(
    REJECTION_DISCOUNT_CREATE,
    {
      discount: {
        title: REJECTION_DISCOUNT_TITLE,
        functionHandle: FUNCTION_HANDLE,
        // From the first campaign it serves, not "now": the app's clock and Shopify's may differ,
        // and a discount starting a moment late would miss that campaign's first shoppers.
        startsAt: startsAt.toISOString(),
        // It gives no discount, so it must never stand in another's way: it combines with every
        // class, and its one class, ORDER, makes Shopify run the lines target, where the
        // rejection is decided.
        combinesWith: { productDiscounts: true, orderDiscounts: true, shippingDiscounts: true },
        discountClasses: ["ORDER"],
        metafields: [{ ...RULES_METAFIELD, value: json }],
      },
    },
    { signal, retryTransient: false },
  );
  const payload = data.discountAutomaticAppCreate;
  const id = payload?.automaticAppDiscount?.discountId;
  if (id) return ok({ id });
  const reason = (payload?.userErrors ?? []).map((e) => e.message).join("; ") || "no reason given";
  return fail("shopify_refused", `Shopify refused the code-rejection discount: ${reason}`);
}

async function writeIndex(
  admin: PacedAdmin,
  id: string,
  json: string,
  signal?: AbortSignal,
): Promise<Result<object, "shopify_refused">> {
  const data = await admin.request<{ metafieldsSet: { userErrors: UserError[] } | null }>(
    REJECTION_INDEX_SET,
    { metafields: [{ ownerId: id, ...RULES_METAFIELD, value: json }] },
    { signal },
  );
  const errors = data.metafieldsSet?.userErrors ?? [];
  if (errors.length === 0) return ok();
  return fail(
    "shopify_refused",
    `Shopify refused the code-rejection index: ${errors.map((e) => e.message).join("; ")}`,
  );
}

async function remove(admin: PacedAdmin, id: string, signal?: AbortSignal): Promise<void> {
  await admin.request(REJECTION_DISCOUNT_DELETE, { id }, { signal });
}
