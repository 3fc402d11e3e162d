// Revoke: an allocation's unredeemed codes become `revoked` at once; live ones are deleted from
// Shopify by the push machinery's paced delete chunks (decision 015), so a revoke survives a crash.
import { audit } from "../audit.server";
import db, { type Tx } from "../db.server";
import { serializable } from "../group-commit/commit.server";
import { fail, type Result } from "../result";

export type RevokeCode = "allocation_not_found" | "anomaly_not_found" | "never_allocated";

export type RevokeResult<Code extends RevokeCode = RevokeCode> = Result<
  { revoked: number; deleteChunks: number },
  Code
>;

export async function revokeAllocation(
  shop: string,
  allocationId: string,
  actor: string,
  reason: { anomalyId?: string } = {},
): Promise<RevokeResult<"allocation_not_found">> {
  // Serializable so no code changes state under the revoke; a webhook redeeming one of these codes
  // meanwhile aborts it on PostgreSQL, and the retry then sees that code redeemed and keeps it.
  return serializable(
    async (tx): Promise<RevokeResult<"allocation_not_found">> => {
      const allocation = await tx.allocation.findFirst({
        where: { id: allocationId, shop },
        select: { id: true, campaignId: true },
      });
      if (!allocation) return fail("allocation_not_found", "This shop has no such allocation");
      const result = await revokeCodes(tx, shop, allocation.campaignId, { allocationId });
      await tx.allocation.update({
        where: { id: allocation.id },
        data: { revokedAt: new Date() },
      });
      await audit(tx, {
        shop,
        actor,
        action: "allocation_revoked",
        subjectType: "Allocation",
        subjectId: allocation.id,
        details: { ...reason, revoked: result.revoked, deleteChunks: result.deleteChunks },
      });
      return { ok: true, ...result };
    },
    { timeout: 60_000 },
  );
}

/**
 * From an anomaly: revokes the unredeemed codes of the allocation the leaked code came from and
 * marks the anomaly resolved by revocation.
 */
export async function revokeFromAnomaly(
  shop: string,
  anomalyId: string,
  actor: string,
): Promise<RevokeResult> {
  const anomaly = await db.anomaly.findFirst({
    where: { id: anomalyId, shop },
    select: { id: true, allocationId: true, codeId: true },
  });
  if (!anomaly) return fail("anomaly_not_found", "This shop has no such anomaly");
  let allocationId = anomaly.allocationId;
  if (!allocationId && anomaly.codeId) {
    const code = await db.code.findFirst({
      where: { id: anomaly.codeId, shop },
      select: { allocationId: true },
    });
    allocationId = code?.allocationId ?? null;
  }
  if (!allocationId) {
    return fail(
      "never_allocated",
      "The anomaly's code was never allocated: there is nothing else to revoke",
    );
  }
  const result = await revokeAllocation(shop, allocationId, actor, { anomalyId });
  if (result.ok) {
    await db.anomaly.updateMany({
      where: { id: anomalyId, shop },
      data: { status: "revoked", resolvedAt: new Date() },
    });
  }
  return result;
}

async function revokeCodes(
  tx: Tx,
  shop: string,
  campaignId: string,
  scope: { allocationId: string },
) {
  const where = {
    shop,
    campaignId,
    ...scope,
    status: { in: ["available" as const, "allocated" as const, "distributed" as const] },
  };
  const revokedAt = new Date();
  // Never sent to Shopify: nothing to delete there.
  const unsent = await tx.code.updateMany({
    where: { ...where, pushState: { in: ["pending", "failed"] } },
    data: { status: "revoked", revokedAt, pushState: "removed" },
  });
  // In Shopify: "awaiting removal" in the push machinery's terms (`queued` with no chunk), and
  // one delete chunk, which takes them 250 at a time (app/push/remove.server.ts).
  const live = await tx.code.updateMany({
    where: { ...where, pushState: "live" },
    data: { status: "revoked", revokedAt, pushState: "queued", pushChunkId: null },
  });
  if (live.count > 0) {
    await tx.pushChunk.create({ data: { shop, campaignId, kind: "delete", codeCount: 0 } });
  }
  // Still on their way in (an add chunk holds them): revoked here; the worker holding the chunk
  // does not send them, or, if it has, queues them for removal once they land
  // (app/push/queue-for-removal.server.ts).
  const landing = await tx.code.updateMany({
    where: { ...where, pushState: "queued" },
    data: { status: "revoked", revokedAt },
  });
  return {
    revoked: unsent.count + live.count + landing.count,
    deleteChunks: live.count > 0 ? 1 : 0,
  };
}
