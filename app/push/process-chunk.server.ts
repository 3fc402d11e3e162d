// Routes a leased chunk to what its kind and state call for.
import db from "../db.server";
import { processAddChunk } from "./add-chunk.server";
import { released, type ChunkContext, type ChunkOutcome } from "./chunk-context";
import { discountChunkId, LeaseLost } from "./chunk-store.server";
import { processDiscountChunk } from "./discount.server";
import { processDeleteChunk } from "./remove.server";

export async function processChunk(ctx: ChunkContext, chunkId: string): Promise<ChunkOutcome> {
  const row = await db.pushChunk.findUnique({
    where: { id: chunkId },
    select: {
      id: true,
      campaignId: true,
      kind: true,
      state: true,
      attempts: true,
      bulkCreationId: true,
      leaseOwner: true,
      campaign: {
        select: {
          id: true,
          shop: true,
          status: true,
          pushPaused: true,
          shopifyDiscountId: true,
          codeFormat: true,
          bindingKey: true,
        },
      },
    },
  });
  if (!row || row.leaseOwner !== ctx.owner) throw new LeaseLost(chunkId);
  const state = row.state;
  if (state !== "pending" && state !== "submitted") throw new LeaseLost(chunkId);
  if (row.kind === "delete") return processDeleteChunk(ctx, { ...row, state });
  if (row.id === discountChunkId(row.campaignId)) return processDiscountChunk(ctx, row);
  const discountId = row.campaign.shopifyDiscountId;
  // Add chunks are claimable only once the discount exists (claimableChunks); a stale claim waits.
  if (!discountId) return released(1_000);
  return processAddChunk(ctx, {
    ...row,
    state,
    campaign: { ...row.campaign, shopifyDiscountId: discountId },
  });
}
