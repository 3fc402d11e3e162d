// Removing a campaign's unused codes from Shopify: delete chunks take the codes awaiting removal
// 250 at a time, looking them up first; a code already used is kept (its order may be on its way).
import db from "../db.server";
import { awaitSubmittedJob } from "./await-job.server";
import {
  FINISHED,
  released,
  type ChunkContext,
  type ChunkOutcome,
  type HeldChunk,
} from "./chunk-context";
import { finishHeldChunk, updateHeldChunk } from "./chunk-store.server";
import {
  BULK_DELETE,
  codeSearchQuery,
  DISCOUNT_CODES_SEARCH,
  JOB_STATUS,
  MAX_CODES_PER_CALL,
} from "./documents";

const KEPT_BECAUSE_USED =
  "Kept in Shopify: it has been used at checkout, though the order has not reached OneCode yet.";

export interface DeleteChunkRow {
  id: string;
  campaignId: string;
  state: "pending" | "submitted";
  attempts: number;
  bulkCreationId: string | null;
  campaign: { id: string; shop: string; shopifyDiscountId: string | null };
}

export async function processDeleteChunk(
  ctx: ChunkContext,
  chunk: DeleteChunkRow,
): Promise<ChunkOutcome> {
  let jobId = chunk.bulkCreationId;
  const discountId = chunk.campaign.shopifyDiscountId;
  if (chunk.state === "pending") {
    const held: HeldChunk = { id: chunk.id, owner: ctx.owner, state: "pending" };
    let codes = await db.code.findMany({
      where: { pushChunkId: chunk.id, pushState: "queued" },
      select: { id: true, code: true },
    });
    if (codes.length === 0) codes = await fillDeleteChunk(held, chunk.campaign);
    if (codes.length === 0 || !discountId) {
      // Nothing left to remove, or the campaign never reached Shopify: nothing to call.
      await db.$transaction(async (tx) => {
        await finishHeldChunk(tx, held, { state: "done", importedCount: 0 });
        await tx.code.updateMany({
          where: { pushChunkId: chunk.id, pushState: "queued" },
          data: { pushState: "removed" },
        });
      });
      return FINISHED;
    }
    const found = await findRedeemCodes(
      ctx,
      discountId,
      codes.map((c) => c.code),
    );
    const gone: number[] = [];
    const used: number[] = [];
    const toDelete: { id: number; shopifyCodeId: string }[] = [];
    for (const code of codes) {
      const match = found.get(code.code.toLowerCase());
      if (!match) gone.push(code.id);
      else if (match.asyncUsageCount > 0) used.push(code.id);
      else toDelete.push({ id: code.id, shopifyCodeId: match.id });
    }
    await db.$transaction(async (tx) => {
      await updateHeldChunk(tx, held, { leaseOwner: held.owner });
      if (gone.length > 0) {
        await tx.code.updateMany({ where: { id: { in: gone } }, data: { pushState: "removed" } });
      }
      if (used.length > 0) {
        await tx.code.updateMany({
          where: { id: { in: used } },
          data: { pushState: "live", pushError: KEPT_BECAUSE_USED },
        });
      }
      for (const code of toDelete) {
        await tx.code.update({
          where: { id: code.id },
          data: { shopifyCodeId: code.shopifyCodeId },
        });
      }
    });
    if (toDelete.length === 0) {
      await db.$transaction((tx) => finishHeldChunk(tx, held, { state: "done", importedCount: 0 }));
      return FINISHED;
    }
    await updateHeldChunk(db, held, { attempts: { increment: 1 } });
    const data = await ctx.admin.request<{
      discountCodeRedeemCodeBulkDelete: {
        job: { id: string } | null;
        userErrors: { message: string }[];
      } | null;
    }>(
      BULK_DELETE,
      { discountId, ids: toDelete.map((c) => c.shopifyCodeId) },
      { signal: ctx.signal },
    );
    const payload = data.discountCodeRedeemCodeBulkDelete;
    if (!payload?.job) {
      const reason =
        (payload?.userErrors ?? []).map((e) => e.message).join("; ") || "no reason given";
      return released(60_000, `Shopify refused to remove codes: ${reason}`);
    }
    jobId = payload.job.id;
    await updateHeldChunk(db, held, { state: "submitted", bulkCreationId: jobId, lastError: null });
  }
  if (!jobId) throw new Error(`Delete chunk ${chunk.id} is submitted without a job id`);
  const submittedJob = jobId;
  const held: HeldChunk = { id: chunk.id, owner: ctx.owner, state: "submitted" };
  const job = await awaitSubmittedJob(ctx, held, {
    document: JOB_STATUS,
    jobId: submittedJob,
    job: (data: { job: { done: boolean } | null }) => data.job,
  });
  if (!job) return released();
  await db.$transaction(async (tx) => {
    await finishHeldChunk(tx, held, { state: "done", lastError: null });
    await tx.code.updateMany({
      where: { pushChunkId: chunk.id, pushState: "queued" },
      data: { pushState: "removed" },
    });
  });
  return FINISHED;
}

/**
 * Takes up to 250 codes awaiting removal into this chunk and, while more remain, creates the next
 * delete chunk, in one transaction.
 */
async function fillDeleteChunk(
  held: HeldChunk,
  campaign: { id: string; shop: string },
): Promise<{ id: number; code: string }[]> {
  return db.$transaction(async (tx) => {
    await updateHeldChunk(tx, held, { leaseOwner: held.owner });
    const rows = await tx.code.findMany({
      where: { campaignId: campaign.id, pushState: "queued", pushChunkId: null },
      take: MAX_CODES_PER_CALL,
      select: { id: true, code: true },
    });
    if (rows.length === 0) return [];
    const { count } = await tx.code.updateMany({
      where: { id: { in: rows.map((r) => r.id) }, pushState: "queued", pushChunkId: null },
      data: { pushChunkId: held.id },
    });
    await tx.pushChunk.update({ where: { id: held.id }, data: { codeCount: count } });
    const more = await tx.code.findFirst({
      where: { campaignId: campaign.id, pushState: "queued", pushChunkId: null },
      select: { id: true },
    });
    if (more) {
      await tx.pushChunk.create({
        data: { shop: campaign.shop, campaignId: campaign.id, kind: "delete", codeCount: 0 },
      });
    }
    return tx.code.findMany({
      where: { pushChunkId: held.id, pushState: "queued" },
      select: { id: true, code: true },
    });
  });
}

/** Lower-cased code → its redeem code id and use count, for the codes the discount still has. */
async function findRedeemCodes(
  ctx: ChunkContext,
  discountId: string,
  codes: string[],
): Promise<Map<string, { id: string; asyncUsageCount: number }>> {
  const wanted = new Set(codes.map((c) => c.toLowerCase()));
  const found = new Map<string, { id: string; asyncUsageCount: number }>();
  // 4 points beyond the page: the discount node, its code discount and the connection.
  const first = Math.max(
    1,
    Math.min(MAX_CODES_PER_CALL, codes.length, ctx.admin.maxAffordableCost() - 4),
  );
  let after: string | null = null;
  for (;;) {
    const data: {
      codeDiscountNode: {
        codeDiscount: {
          codes?: {
            nodes: { id: string; code: string; asyncUsageCount: number }[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        };
      } | null;
    } = await ctx.admin.request(
      DISCOUNT_CODES_SEARCH,
      { id: discountId, query: codeSearchQuery(codes), first, after },
      { signal: ctx.signal, estimatedCost: first + 4 },
    );
    const page = data.codeDiscountNode?.codeDiscount.codes;
    if (!page) return found;
    // The search may match more than asked (Shopify's default search is not exact); keep ours.
    for (const node of page.nodes) {
      const key = node.code.toLowerCase();
      if (wanted.has(key)) found.set(key, { id: node.id, asyncUsageCount: node.asyncUsageCount });
    }
    if (found.size === wanted.size || !page.pageInfo.hasNextPage || !page.pageInfo.endCursor) {
      return found;
    }
    after = page.pageInfo.endCursor;
  }
}
