// Codes revoked (app/anomalies/revoke.server.ts) while an add chunk held them. Revoking marks a
// code `revoked` at once but leaves it in its chunk: a worker may be about to send it, or have
// sent it already, and only the worker holding the chunk knows which. So the push settles them:
// not yet sent, such a code is simply not sent (`removed`); sent, or possibly sent, it goes to the
// removal machinery (remove.server.ts) instead of becoming live, so Shopify stops accepting it.
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
