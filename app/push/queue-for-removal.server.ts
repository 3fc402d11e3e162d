// Codes leave Shopify through a delete chunk: revoked codes an add chunk may have sent, and the
// unused codes the merchant asks to remove (control.server.ts).
import type { Prisma } from "../generated/prisma/sqlite/client";
import type { Tx } from "../db.server";

/**
 * Marks the codes `where` selects as awaiting removal from Shopify (`queued` without a chunk) and
 * adds a delete chunk to take them, in the caller's transaction. Returns how many it marked.
 */
export async function queueForRemoval(
  tx: Tx,
  campaign: { id: string; shop: string },
  where: Prisma.CodeWhereInput,
): Promise<number> {
  const { count } = await tx.code.updateMany({
    where: { ...where, campaignId: campaign.id },
    data: { pushState: "queued", pushChunkId: null },
  });
  if (count > 0) {
    await tx.pushChunk.create({
      data: { shop: campaign.shop, campaignId: campaign.id, kind: "delete", codeCount: 0 },
    });
  }
  return count;
}
