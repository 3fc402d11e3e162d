// PushChunk rows as a durable work queue: claimed by a compare-and-set UPDATE on the lease, every
// later write re-checks the lease, and lease times come from the database's clock.
import db, { type Tx } from "../db.server";
import { databaseNow } from "../db/database-clock.server";
import type { Prisma } from "../generated/prisma/sqlite/client";
import { MAX_CODES_PER_CALL } from "./documents";

/** The chunk's lease moved to another worker (or the chunk moved on): stop working on it. */
export class LeaseLost extends Error {
  constructor(chunkId: string) {
    super(`Lost the lease on push chunk ${chunkId}`);
    this.name = "LeaseLost";
  }
}

/**
 * The chunk that creates a campaign's Shopify discount. Its id is fixed, so two workers trying to
 * create it at once collide on the primary key instead of creating two discounts.
 */
export function discountChunkId(campaignId: string): string {
  return `${campaignId}${DISCOUNT_CHUNK_SUFFIX}`;
}

const DISCOUNT_CHUNK_SUFFIX = ":discount";

/**
 * Chunks a worker may take now: not done or failed, lease free or expired (a released chunk's
 * `leaseExpiresAt` doubles as "not before"), and not held back by a paused or cancelled push,
 * except chunks that may already be in Shopify (submitted, or sent at least once), which are
 * always carried through so the database learns what Shopify holds.
 */
export async function claimableChunks(
  scope: { excludeIds: string[]; excludeShops: string[]; onlyShops?: string[] },
  limit: number,
) {
  const now = await databaseNow();
  return db.pushChunk.findMany({
    where: {
      state: { in: ["pending", "submitted"] },
      ...(scope.excludeIds.length > 0 ? { id: { notIn: scope.excludeIds } } : {}),
      shop: {
        ...(scope.excludeShops.length > 0 ? { notIn: scope.excludeShops } : {}),
        ...(scope.onlyShops ? { in: scope.onlyShops } : {}),
      },
      AND: [
        { OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }] },
        {
          OR: [
            { state: "submitted" },
            { kind: "delete" },
            { attempts: { gt: 0 } },
            { campaign: { status: "cancelled" } },
            { campaign: { status: "pushing", pushPaused: false } },
          ],
        },
        // Add chunks are made ahead while the discount is being created; they wait for it.
        {
          OR: [
            { kind: "delete" },
            { id: { endsWith: DISCOUNT_CHUNK_SUFFIX } },
            { campaign: { shopifyDiscountId: { not: null } } },
          ],
        },
      ],
    },
    // Submitted chunks first ("submitted" sorts after "pending" as text and as enum), oldest first.
    orderBy: [{ state: "desc" }, { createdAt: "asc" }],
    take: limit,
    select: { id: true, shop: true },
  });
}

export async function claimChunk(id: string, owner: string, leaseMs: number): Promise<boolean> {
  const now = await databaseNow();
  const { count } = await db.pushChunk.updateMany({
    where: {
      id,
      state: { in: ["pending", "submitted"] },
      OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
    },
    data: { leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

/** Extends the leases this worker holds; returns the ids it no longer holds. */
export async function renewLeases(
  ids: string[],
  owner: string,
  leaseMs: number,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const now = await databaseNow();
  await db.pushChunk.updateMany({
    where: { id: { in: ids }, leaseOwner: owner, state: { in: ["pending", "submitted"] } },
    data: { leaseExpiresAt: new Date(now.getTime() + leaseMs) },
  });
  const held = await db.pushChunk.findMany({
    where: { id: { in: ids }, leaseOwner: owner, state: { in: ["pending", "submitted"] } },
    select: { id: true },
  });
  const still = new Set(held.map((row) => row.id));
  return ids.filter((id) => !still.has(id));
}

/** Gives the chunk back; `retryInMs` delays the next claim (a retry after an error). */
export async function releaseChunk(
  id: string,
  owner: string,
  options: { retryInMs?: number; lastError?: string | null } = {},
): Promise<void> {
  const notBefore = options.retryInMs
    ? new Date((await databaseNow()).getTime() + options.retryInMs)
    : null;
  await db.pushChunk.updateMany({
    where: { id, leaseOwner: owner },
    data: {
      leaseOwner: null,
      leaseExpiresAt: notBefore,
      ...(options.lastError !== undefined ? { lastError: options.lastError } : {}),
    },
  });
}

/**
 * Changes a chunk this worker holds, in `state`, inside a transaction; throws LeaseLost (rolling
 * the transaction back) when the chunk is no longer ours or no longer in that state.
 */
export async function updateHeldChunk(
  client: Tx | typeof db,
  chunk: { id: string; owner: string; state: "pending" | "submitted" },
  data: Prisma.PushChunkUpdateManyMutationInput,
): Promise<void> {
  const { count } = await client.pushChunk.updateMany({
    where: { id: chunk.id, leaseOwner: chunk.owner, state: chunk.state },
    data,
  });
  if (count !== 1) throw new LeaseLost(chunk.id);
}

/** Moves a held chunk to done or failed and frees it, in the caller's transaction. */
export async function finishHeldChunk(
  tx: Tx,
  chunk: { id: string; owner: string; state: "pending" | "submitted" },
  data: Prisma.PushChunkUpdateManyMutationInput & { state: "done" | "failed" },
): Promise<void> {
  await updateHeldChunk(tx, chunk, { leaseOwner: null, leaseExpiresAt: null, ...data });
}

/**
 * Assigns the campaign's pending codes to up to `chunks` new add chunks of ≤ 250 codes, in one
 * transaction; returns how many codes were assigned. Two workers doing this at once cannot take
 * the same code: each assigning UPDATE re-checks that the code is still pending and unassigned,
 * so the later one gets fewer codes (or none).
 */
export async function createAddChunks(
  campaign: { id: string; shop: string },
  chunks = 1,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.code.findMany({
      // Pending codes are `available`, or `distributed` when issued to a customer (bound codes);
      // naming the statuses lets the (campaignId, status, pushState) index serve this.
      where: {
        campaignId: campaign.id,
        status: { in: ["available", "distributed"] },
        pushState: "pending",
        pushChunkId: null,
      },
      take: MAX_CODES_PER_CALL * chunks,
      select: { id: true },
    });
    if (rows.length === 0) return 0;
    const groups: number[][] = [];
    for (let i = 0; i < rows.length; i += MAX_CODES_PER_CALL) {
      groups.push(rows.slice(i, i + MAX_CODES_PER_CALL).map((r) => r.id));
    }
    const created = await tx.pushChunk.createManyAndReturn({
      data: groups.map((ids) => ({
        shop: campaign.shop,
        campaignId: campaign.id,
        kind: "add" as const,
        codeCount: ids.length,
      })),
      select: { id: true },
    });
    let assigned = 0;
    for (const [i, chunk] of created.entries()) {
      const ids = groups[i] ?? [];
      const { count } = await tx.code.updateMany({
        where: { id: { in: ids }, pushState: "pending", pushChunkId: null },
        data: { pushChunkId: chunk.id, pushState: "queued" },
      });
      assigned += count;
      if (count === 0) await tx.pushChunk.delete({ where: { id: chunk.id } });
      else if (count !== ids.length) {
        await tx.pushChunk.update({ where: { id: chunk.id }, data: { codeCount: count } });
      }
    }
    return assigned;
  });
}

/**
 * Makes sure the campaign's discount chunk exists and holds one code (the discount's own code,
 * which Shopify requires to create a code discount). Safe to run from several workers at once.
 */
export async function ensureDiscountChunk(campaign: { id: string; shop: string }): Promise<void> {
  const id = discountChunkId(campaign.id);
  const existing = await db.pushChunk.findUnique({ where: { id }, select: { state: true } });
  if (!existing) {
    try {
      await db.pushChunk.create({
        data: { id, shop: campaign.shop, campaignId: campaign.id, kind: "add", codeCount: 0 },
      });
    } catch (error) {
      if ((error as { code?: unknown }).code !== "P2002") throw error;
    }
  } else if (existing.state === "done" || existing.state === "failed") {
    return;
  }
  await db.$transaction(async (tx) => {
    // Taking the chunk row first serialises workers racing here: only one sees codeCount 0.
    const { count: mine } = await tx.pushChunk.updateMany({
      where: { id, codeCount: 0, state: "pending" },
      data: { codeCount: 1 },
    });
    if (mine === 0) return;
    // A worker holding the chunk may have given it a code already (discount.server.ts).
    if ((await tx.code.count({ where: { pushChunkId: id, pushState: "queued" } })) > 0) return;
    const first = await tx.code.findFirst({
      where: {
        campaignId: campaign.id,
        status: { in: ["available", "distributed"] },
        pushState: "pending",
        pushChunkId: null,
      },
      select: { id: true },
    });
    const { count } = first
      ? await tx.code.updateMany({
          where: { id: first.id, pushState: "pending", pushChunkId: null },
          data: { pushChunkId: id, pushState: "queued" },
        })
      : { count: 0 };
    if (count === 0) await tx.pushChunk.update({ where: { id }, data: { codeCount: 0 } });
  });
}

/** A cancelled push's chunk that was never sent: its codes leave without a call to Shopify. */
export async function cancelUnsent(
  held: { id: string; owner: string; state: "pending" | "submitted" },
  lastError: string,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await finishHeldChunk(tx, held, { state: "failed", lastError });
    await tx.code.updateMany({
      where: { pushChunkId: held.id, pushState: "queued" },
      data: { pushState: "removed" },
    });
  });
}
