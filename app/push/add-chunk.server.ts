// One add chunk of ≤ 250 codes through discountRedeemCodeBulkAdd: pending → sent → submitted →
// polled → done. A resend after a crash finds its own codes "taken" and marks them live.
import db from "../db.server";
import { awaitSubmittedJob } from "./await-job.server";
import { failedCodeVerdicts, type BulkCodeResult } from "./bulk-results";
import {
  FINISHED,
  released,
  type ChunkContext,
  type ChunkOutcome,
  type HeldChunk,
} from "./chunk-context";
import { cancelUnsent, finishHeldChunk, updateHeldChunk } from "./chunk-store.server";
import { discountOwningCodes } from "./code-owners.server";
import { activateIfPushed } from "./activate-when-pushed.server";
import {
  BULK_ADD,
  BULK_CREATION_CODES,
  BULK_CREATION_STATUS,
  MAX_CODES_PER_CALL,
} from "./documents";
import { NotSent } from "./paced-admin.server";
import { mintReplacements } from "./replacements.server";
import { queueForRemoval } from "./queue-for-removal.server";

const CANCELLED_UNSENT = "The push was cancelled before these codes were sent.";

export interface AddChunkRow {
  id: string;
  campaignId: string;
  state: "pending" | "submitted";
  attempts: number;
  bulkCreationId: string | null;
  campaign: {
    id: string;
    shop: string;
    status: string;
    pushPaused: boolean;
    shopifyDiscountId: string;
    codeFormat: unknown;
    bindingKey: string | null;
  };
}

interface BulkStatus {
  done: boolean;
  codesCount: number;
  importedCount: number;
  failedCount: number;
}

interface UserError {
  field: string[] | null;
  message: string;
  code: string | null;
}

export async function processAddChunk(
  ctx: ChunkContext,
  chunk: AddChunkRow,
): Promise<ChunkOutcome> {
  let bulkId = chunk.bulkCreationId;
  if (chunk.state === "pending") {
    const held: HeldChunk = { id: chunk.id, owner: ctx.owner, state: "pending" };
    const { campaign } = chunk;
    if (chunk.attempts === 0 && campaign.status === "cancelled") {
      await cancelUnsent(held, CANCELLED_UNSENT);
      return FINISHED;
    }
    if (chunk.attempts === 0 && (campaign.pushPaused || campaign.status !== "pushing")) {
      return released();
    }
    const queued = await db.code.findMany({
      where: { pushChunkId: chunk.id, pushState: "queued" },
      select: { code: true, status: true },
    });
    if (queued.some((c) => c.status === "revoked")) await setAsideRevoked(held, chunk);
    const codes = queued.filter((c) => c.status !== "revoked");
    if (codes.length === 0) {
      await db.$transaction((tx) => finishHeldChunk(tx, held, { state: "done", importedCount: 0 }));
      await activateIfPushed(chunk.campaignId);
      return FINISHED;
    }
    let data: {
      discountRedeemCodeBulkAdd: {
        bulkCreation: { id: string } | null;
        userErrors: UserError[];
      } | null;
    };
    try {
      data = await ctx.admin.request(
        BULK_ADD,
        { discountId: campaign.shopifyDiscountId, codes: codes.map((c) => ({ code: c.code })) },
        {
          signal: ctx.signal,
          // At the last moment before sending: a push paused or cancelled while this chunk
          // waited for the bucket does not send it; otherwise the attempt is counted first, so
          // from here on the database knows these codes may be in Shopify.
          beforeSend: async () => {
            if (chunk.attempts === 0 && !(await stillPushing(campaign.id))) return false;
            await updateHeldChunk(db, held, { attempts: { increment: 1 } });
            return true;
          },
        },
      );
    } catch (error) {
      if (!(error instanceof NotSent)) throw error;
      const now = await db.campaign.findUniqueOrThrow({
        where: { id: campaign.id },
        select: { status: true },
      });
      if (now.status === "cancelled") {
        await cancelUnsent(held, CANCELLED_UNSENT);
        return FINISHED;
      }
      return released();
    }
    const payload = data.discountRedeemCodeBulkAdd;
    if (!payload?.bulkCreation) {
      const reason =
        (payload?.userErrors ?? []).map((e) => e.message).join("; ") || "no reason given";
      await failChunk(held, `Shopify refused to add these codes: ${reason}`);
      await activateIfPushed(chunk.campaignId);
      return FINISHED;
    }
    bulkId = payload.bulkCreation.id;
    // Recorded before anything else happens, so a crash from here on only re-polls.
    await updateHeldChunk(db, held, {
      state: "submitted",
      bulkCreationId: bulkId,
      lastError: null,
    });
  }
  if (!bulkId) throw new Error(`Push chunk ${chunk.id} is submitted without a bulk creation id`);
  const submittedId = bulkId;
  const held: HeldChunk = { id: chunk.id, owner: ctx.owner, state: "submitted" };
  const status = await awaitSubmittedJob(ctx, held, {
    document: BULK_CREATION_STATUS,
    jobId: submittedId,
    job: (data: { discountRedeemCodeBulkCreation: BulkStatus | null }) =>
      data.discountRedeemCodeBulkCreation,
  });
  if (!status) return released();
  if (status.failedCount === 0) {
    await db.$transaction(async (tx) => {
      await finishHeldChunk(tx, held, {
        state: "done",
        importedCount: status.importedCount,
        failedCount: 0,
        lastError: null,
      });
      await tx.code.updateMany({
        where: { pushChunkId: chunk.id, pushState: "queued", status: { not: "revoked" } },
        data: { pushState: "live" },
      });
      // Revoked while on their way in: Shopify has them now, so they come out again.
      await queueForRemoval(tx, chunk.campaign, { pushChunkId: chunk.id, pushState: "queued" });
    });
  } else {
    await settleFailures(ctx, chunk, held, submittedId, status);
  }
  await activateIfPushed(chunk.campaignId);
  return FINISHED;
}

/**
 * Revoked codes leave a chunk about to be sent. Never sent before (attempts 0), nothing of theirs
 * is in Shopify: they are `removed`. An earlier attempt may have put them there: queued for removal.
 */
async function setAsideRevoked(held: HeldChunk, chunk: AddChunkRow): Promise<void> {
  const where = { pushChunkId: chunk.id, pushState: "queued" as const, status: "revoked" as const };
  await db.$transaction(async (tx) => {
    await updateHeldChunk(tx, held, { leaseOwner: held.owner });
    if (chunk.attempts === 0) await tx.code.updateMany({ where, data: { pushState: "removed" } });
    else await queueForRemoval(tx, chunk.campaign, where);
  });
}

async function stillPushing(campaignId: string): Promise<boolean> {
  const campaign = await db.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    select: { status: true, pushPaused: true },
  });
  return campaign.status === "pushing" && !campaign.pushPaused;
}

/** Per-code outcome of a bulk creation that had failures (the only time codes are fetched). */
async function settleFailures(
  ctx: ChunkContext,
  chunk: AddChunkRow,
  held: HeldChunk,
  bulkId: string,
  status: BulkStatus,
): Promise<void> {
  const verdicts = failedCodeVerdicts(await bulkCodeResults(ctx, bulkId, status.codesCount));
  const codes = await db.code.findMany({
    where: { pushChunkId: chunk.id, pushState: "queued" },
    select: { id: true, code: true, status: true, boundCustomerId: true },
  });
  const taken = codes.filter((c) => verdicts.get(c.code.toLowerCase())?.kind === "taken");
  const owners = await discountOwningCodes(
    ctx.admin,
    taken.map((c) => c.code),
    ctx.signal,
  );
  const live: number[] = [];
  const requeue: number[] = [];
  const replaced: { id: number; message: string; boundCustomerId: string | null }[] = [];
  const failed: { id: number; message: string }[] = [];
  for (const code of codes) {
    const verdict = verdicts.get(code.code.toLowerCase());
    if (!verdict) live.push(code.id);
    else if (verdict.kind === "invalid") failed.push({ id: code.id, message: verdict.message });
    else {
      const owner = owners.get(code.code.toLowerCase());
      if (owner === chunk.campaign.shopifyDiscountId) live.push(code.id);
      // A revoked code another discount holds is not ours to replace: it ends as `removed`.
      else if (owner === null || owner === undefined || code.status === "revoked")
        requeue.push(code.id);
      else
        replaced.push({
          id: code.id,
          message: verdict.message,
          boundCustomerId: code.boundCustomerId,
        });
    }
  }
  await db.$transaction(async (tx) => {
    const replacements = await mintReplacements(
      tx,
      chunk.campaign,
      replaced.map((code) => code.boundCustomerId),
    );
    await finishHeldChunk(tx, held, {
      state: "done",
      importedCount: status.importedCount,
      failedCount: status.failedCount,
      lastError: replacements.ok ? null : replacements.message,
    });
    if (live.length > 0) {
      // Statuses are read again here: a code revoked since the read above is not made live.
      await tx.code.updateMany({
        where: { id: { in: live }, status: { not: "revoked" } },
        data: { pushState: "live" },
      });
      await queueForRemoval(tx, chunk.campaign, { id: { in: live }, pushState: "queued" });
    }
    if (requeue.length > 0) {
      // Taken when Shopify ran the job but held by no discount now: push it again, unless revoked.
      await tx.code.updateMany({
        where: { id: { in: requeue }, status: { not: "revoked" } },
        data: { pushState: "pending", pushChunkId: null },
      });
      await tx.code.updateMany({
        where: { id: { in: requeue }, pushState: "queued" },
        data: { pushState: "removed" },
      });
    }
    for (const [message, ids] of byMessage(replaced)) {
      await tx.code.updateMany({
        where: { id: { in: ids } },
        data: { pushState: "replaced", pushError: message },
      });
    }
    for (const [message, ids] of byMessage(failed)) {
      await tx.code.updateMany({
        where: { id: { in: ids } },
        data: { pushState: "failed", pushError: message },
      });
    }
  });
}

function byMessage(codes: { id: number; message: string }[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const { id, message } of codes) groups.set(message, [...(groups.get(message) ?? []), id]);
  return groups;
}

async function bulkCodeResults(
  ctx: ChunkContext,
  bulkId: string,
  codesCount: number,
): Promise<BulkCodeResult[]> {
  const results: BulkCodeResult[] = [];
  let after: string | null = null;
  // 5 points beyond the page: the bulk creation, the connection and the errors list.
  const first = Math.max(
    1,
    Math.min(MAX_CODES_PER_CALL, codesCount, ctx.admin.maxAffordableCost() - 5),
  );
  for (;;) {
    const data: {
      discountRedeemCodeBulkCreation: {
        codes: {
          nodes: BulkCodeResult[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } | null;
    } = await ctx.admin.request(
      BULK_CREATION_CODES,
      { id: bulkId, first, after },
      { signal: ctx.signal, estimatedCost: first + 5, priority: "high" },
    );
    const page = data.discountRedeemCodeBulkCreation?.codes;
    if (!page) return results;
    results.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return results;
    after = page.pageInfo.endCursor;
  }
}

/** A chunk Shopify refused as a whole: its codes are failed with Shopify's reason. */
async function failChunk(held: HeldChunk, message: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await finishHeldChunk(tx, held, { state: "failed", lastError: message });
    await tx.code.updateMany({
      where: { pushChunkId: held.id, pushState: "queued" },
      data: { pushState: "failed", pushError: message },
    });
  });
}
