// The campaign's Shopify discount: created once by the campaign's discount chunk
// (fixed id, so one worker at a time), found again rather than created twice after a crash, and
// rewritten when the campaign's rules or window change.
import db from "../db.server";
import { ShopifyAdminError } from "./admin-errors";
import { isTakenError } from "./bulk-results";
import {
  FINISHED,
  released,
  type ChunkContext,
  type ChunkOutcome,
  type HeldChunk,
} from "./chunk-context";
import { cancelUnsent, finishHeldChunk, updateHeldChunk } from "./chunk-store.server";
import { activateIfPushed } from "./activate-when-pushed.server";
import { discountInput, type DiscountInputCode } from "./discount-input";
import { DISCOUNT_BY_CODE, DISCOUNT_CREATE, DISCOUNT_UPDATE } from "./documents";
import type { PacedAdmin } from "./paced-admin.server";
import { mintReplacements } from "./replacements.server";
import { syncRejectionDiscount } from "./rejection-discount.server";
import { fail, ok, type Result } from "../result";
import { queueForRemoval } from "./queue-for-removal.server";

interface UserError {
  field: string[] | null;
  message: string;
  code: string | null;
}

// A rules or date problem needs the merchant; look again after a while rather than spin.
const RETRY_AFTER_REFUSAL_MS = 60_000;
// Shopify's answer to a code discount created with a code the shop already has (TAKEN).
const TAKEN_MESSAGE = "Code must be unique. Please try a different code.";

const campaignFields = {
  id: true,
  shop: true,
  name: true,
  status: true,
  pushPaused: true,
  startsAt: true,
  endsAt: true,
  rules: true,
  codeFormat: true,
  bindingKey: true,
  shopifyDiscountId: true,
} as const;

export async function processDiscountChunk(
  ctx: ChunkContext,
  chunk: { id: string; campaignId: string; attempts: number },
): Promise<ChunkOutcome> {
  const held: HeldChunk = { id: chunk.id, owner: ctx.owner, state: "pending" };
  let attempts = chunk.attempts;
  for (;;) {
    const campaign = await db.campaign.findUniqueOrThrow({
      where: { id: chunk.campaignId },
      select: campaignFields,
    });
    const code = await db.code.findFirst({
      where: { pushChunkId: chunk.id, pushState: "queued" },
      select: { id: true, code: true, status: true },
    });
    if (campaign.shopifyDiscountId) {
      return adopt(ctx, held, campaign, campaign.shopifyDiscountId, code?.id ?? null, null);
    }
    if (attempts === 0 && campaign.status === "cancelled") {
      await cancelUnsent(held, "The push was cancelled before the discount was created.");
      return FINISHED;
    }
    if (attempts === 0 && (campaign.pushPaused || campaign.status !== "pushing")) return released();
    if (code?.status === "revoked" && attempts === 0) {
      // Revoked before the discount was created with it: never sent, so it is simply dropped
      // and the discount takes another code. Once possibly sent, adopt() handles it.
      await db.$transaction(async (tx) => {
        await updateHeldChunk(tx, held, { leaseOwner: held.owner });
        await tx.code.updateMany({
          where: { id: code.id, pushChunkId: chunk.id },
          data: { pushState: "removed" },
        });
      });
      continue;
    }
    if (!code) {
      if (await takeCodeForDiscount(held, campaign.id)) continue;
      return released(5_000, "The campaign has no codes to push yet.");
    }

    const input = discountInput(campaign, { create: true, firstCode: code.code });
    if (!input.ok) return released(RETRY_AFTER_REFUSAL_MS, input.message);

    const sentBefore = attempts > 0;
    await updateHeldChunk(db, held, { attempts: { increment: 1 } });
    attempts += 1;
    // Look before creating when a create may already have been sent (a crash, or an answer lost
    // on the way back): the discount may exist; its rules metafield names its campaign.
    const existing = sentBefore
      ? await discountHoldingCode(ctx.admin, code.code, ctx.signal)
      : null;
    if (existing?.campaignId === campaign.id) {
      return adopt(ctx, held, campaign, existing.id, code.id, null);
    }
    if (existing) {
      await replaceDiscountCode(held, campaign, code.id, TAKEN_MESSAGE);
      attempts = 0;
      continue;
    }
    const data = await ctx.admin.request<{
      discountCodeAppCreate: {
        codeAppDiscount: { discountId: string } | null;
        userErrors: UserError[];
      } | null;
    }>(DISCOUNT_CREATE, { discount: input.input }, { signal: ctx.signal, retryTransient: false });
    const payload = data.discountCodeAppCreate;
    const created = payload?.codeAppDiscount?.discountId;
    if (created) return adopt(ctx, held, campaign, created, code.id, input.input);
    const errors = payload?.userErrors ?? [];
    // The code was taken between the look and the create: the next look finds who holds it.
    if (errors.some((e) => isTakenError(e) && e.field?.includes("code"))) continue;
    const reason = errors.map((e) => e.message).join("; ") || "no reason given";
    return released(
      RETRY_AFTER_REFUSAL_MS,
      `Shopify refused to create the campaign's discount: ${reason}`,
    );
  }
}

/**
 * Records the discount as the campaign's, brings it up to the campaign as it is now, then marks
 * its code live (or, revoked meanwhile, queued for removal from Shopify); the chunk is done.
 * `sent` is the create input Shopify got, or null when unknown (found again after a crash).
 */
async function adopt(
  ctx: ChunkContext,
  held: HeldChunk,
  campaign: { id: string; shop: string },
  discountId: string,
  codeId: number | null,
  sent: Record<string, unknown> | null,
): Promise<ChunkOutcome> {
  const campaignId = campaign.id;
  // Recorded before the rules are compared: a save from here on finds the discount and updates
  // it itself, and a save before this point wrote its rules where the comparison reads them.
  await db.$transaction(async (tx) => {
    await updateHeldChunk(tx, held, { leaseOwner: held.owner });
    await tx.campaign.updateMany({
      where: { id: campaignId, shopifyDiscountId: null },
      data: { shopifyDiscountId: discountId },
    });
  });
  // The create carried the campaign as it was when the chunk read it; a save while it was on its
  // way found no discount to update. The chunk stays open until Shopify has what was saved, so
  // a crash here comes back through this path.
  const synced = await updateDiscountOnly(ctx.admin, campaign.shop, campaignId, {
    sent: sent && updateInputOf(sent),
    signal: ctx.signal,
  });
  if (!synced.ok) return released(RETRY_AFTER_REFUSAL_MS, synced.message);
  // The campaign's codes work without the rejection discount (their shoppers then read
  // Shopify's generic words), so its trouble does not hold the push: the next write retries.
  const rejection = await syncRejectionDiscount(ctx.admin, campaign.shop, { signal: ctx.signal });
  if (!rejection.ok) {
    console.warn(`Code-rejection discount of ${campaign.shop} not updated: ${rejection.message}`);
  }
  await db.$transaction(async (tx) => {
    await finishHeldChunk(tx, held, {
      state: "done",
      bulkCreationId: discountId,
      importedCount: codeId === null ? 0 : 1,
      failedCount: 0,
      lastError: null,
    });
    if (codeId !== null) {
      await tx.code.updateMany({
        where: { id: codeId, status: { not: "revoked" } },
        data: { pushState: "live" },
      });
      await queueForRemoval(tx, campaign, { id: codeId, pushState: "queued" });
    }
    // Only the discount's own code went to Shopify with it; any other goes back to be pushed.
    await tx.code.updateMany({
      where: { pushChunkId: held.id, pushState: "queued" },
      data: { pushState: "pending", pushChunkId: null },
    });
  });
  await activateIfPushed(campaignId);
  return FINISHED;
}

/** The update input equal to a create input: the create-only fields left out. */
function updateInputOf(createInput: Record<string, unknown>): Record<string, unknown> {
  const { code: _code, functionHandle: _handle, ...rest } = createInput;
  return rest;
}

/**
 * The discount's own code belongs to another discount of the shop: mark it replaced and give the
 * discount chunk a freshly minted code instead, in one transaction.
 */
async function replaceDiscountCode(
  held: HeldChunk,
  campaign: { id: string; shop: string; codeFormat: unknown; bindingKey: string | null },
  codeId: number,
  message: string,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await updateHeldChunk(tx, held, { leaseOwner: held.owner });
    const refused = await tx.code.update({
      where: { id: codeId },
      data: { pushState: "replaced", pushError: message },
      select: { boundCustomerId: true },
    });
    const replacement = await mintReplacements(tx, campaign, [refused.boundCustomerId]);
    if (!replacement.ok) throw new ShopifyAdminError("rejected", replacement.message);
    const [code] = replacement.codes;
    await tx.code.updateMany({
      where: { campaignId: campaign.id, code },
      data: { pushChunkId: held.id, pushState: "queued" },
    });
  });
}

/**
 * Gives the discount chunk a code when it has none: a pending one, else one from an add chunk
 * made ahead (never sent: add chunks wait for the discount, so no worker holds them).
 */
async function takeCodeForDiscount(held: HeldChunk, campaignId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    // The chunk row is locked first, as ensureDiscountChunk does, so a code it gave the chunk
    // meanwhile is seen here and the chunk never ends up with two.
    await updateHeldChunk(tx, held, { leaseOwner: held.owner });
    const given = await tx.code.count({ where: { pushChunkId: held.id, pushState: "queued" } });
    if (given > 0) return true;
    const code =
      (await tx.code.findFirst({
        where: {
          campaignId,
          status: { in: ["available", "distributed"] },
          pushState: "pending",
          pushChunkId: null,
        },
        select: { id: true, pushChunkId: true },
      })) ??
      (await tx.code.findFirst({
        where: {
          campaignId,
          pushState: "queued",
          status: { not: "revoked" },
          pushChunk: { kind: "add", state: "pending", attempts: 0, id: { not: held.id } },
        },
        select: { id: true, pushChunkId: true },
      }));
    if (!code) return false;
    await tx.code.update({
      where: { id: code.id },
      data: { pushChunkId: held.id, pushState: "queued" },
    });
    if (code.pushChunkId) {
      await tx.pushChunk.update({
        where: { id: code.pushChunkId },
        data: { codeCount: { decrement: 1 } },
      });
    }
    await tx.pushChunk.update({ where: { id: held.id }, data: { codeCount: 1 } });
    return true;
  });
}

/** The discount holding `code`, with the campaign id from its rules metafield; null if none. */
async function discountHoldingCode(
  admin: PacedAdmin,
  code: string,
  signal?: AbortSignal,
): Promise<{ id: string; campaignId: string | null } | null> {
  const data = await admin.request<{
    codeDiscountNodeByCode: { id: string; metafield: { jsonValue: unknown } | null } | null;
  }>(DISCOUNT_BY_CODE, { code }, { signal });
  const node = data.codeDiscountNodeByCode;
  if (!node) return null;
  const rules = node.metafield?.jsonValue as { campaignId?: unknown } | null | undefined;
  return {
    id: node.id,
    campaignId: typeof rules?.campaignId === "string" ? rules.campaignId : null,
  };
}

/** `shopify_refused`: Shopify's userErrors; `shopify_failed`: an Admin API failure. */
export type DiscountUpdateCode =
  "not_found" | DiscountInputCode | "shopify_refused" | "shopify_failed";
export type DiscountUpdateResult = Result<{ updated: boolean }, DiscountUpdateCode>;

// Enough for a burst of saves to settle; each round only follows a save that landed meanwhile.
const MAX_UPDATE_ROUNDS = 5;

/**
 * Rewrites the campaign's discount from its current name, window and rules
 * (discountCodeAppUpdate). Before the discount exists there is nothing to update: its creation
 * reads the campaign as it is then, and the push brings it up to date once it has the discount.
 *
 * Two writers (a save, the push, another process) may send at once and Shopify keeps whichever
 * arrives last, so after each answer the campaign is read again and sent again if it changed
 * meanwhile: whoever sends last also checks last. `sent` is what Shopify is known to hold
 * already (nothing is sent if the campaign still matches it).
 */
export async function updateCampaignDiscount(
  admin: PacedAdmin,
  shop: string,
  campaignId: string,
  options: { sent?: Record<string, unknown> | null; signal?: AbortSignal } = {},
): Promise<DiscountUpdateResult> {
  const result = await updateDiscountOnly(admin, shop, campaignId, options);
  if (!result.ok) return result;
  // The shop's code-rejection discount carries every live campaign's rules: it follows, and is
  // created the first time a campaign has its discount.
  const rejection = await syncRejectionDiscount(admin, shop, { signal: options.signal });
  if (!rejection.ok) {
    // The campaign was just read, so its store is installed.
    if (rejection.code === "not_installed") throw new Error(rejection.message);
    return fail(rejection.code, rejection.message);
  }
  return result;
}

async function updateDiscountOnly(
  admin: PacedAdmin,
  shop: string,
  campaignId: string,
  options: { sent?: Record<string, unknown> | null; signal?: AbortSignal },
): Promise<DiscountUpdateResult> {
  let sent = options.sent ? JSON.stringify(options.sent) : null;
  let updated = false;
  for (let round = 0; round < MAX_UPDATE_ROUNDS; round++) {
    const campaign = await db.campaign.findFirst({
      where: { id: campaignId, shop },
      select: campaignFields,
    });
    if (!campaign) return fail("not_found", "This campaign does not exist in this store.");
    if (!campaign.shopifyDiscountId) return ok({ updated: false });
    const input = discountInput(campaign, { create: false });
    if (!input.ok) return input;
    const wanted = JSON.stringify(input.input);
    if (wanted === sent) return ok({ updated });
    try {
      const data = await admin.request<{
        discountCodeAppUpdate: { userErrors: UserError[] } | null;
      }>(
        DISCOUNT_UPDATE,
        { id: campaign.shopifyDiscountId, discount: input.input },
        { signal: options.signal },
      );
      const errors = data.discountCodeAppUpdate?.userErrors ?? [];
      if (errors.length > 0) {
        return fail(
          "shopify_refused",
          `Shopify refused the change: ${errors.map((e) => e.message).join("; ")}`,
        );
      }
    } catch (error) {
      if (error instanceof ShopifyAdminError) return fail("shopify_failed", error.message);
      throw error;
    }
    sent = wanted;
    updated = true;
  }
  return ok({ updated });
}
