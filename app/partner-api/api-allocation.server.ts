// The allocation a partner's claims straight from a campaign go into: one live allocation with
// channel "api" per partner and campaign, so the codes are credited to the partner like any other
// allocation's. A partial unique index makes two concurrent first claims create one. It starts
// empty; each claim's statement adds its codes to `quantity` (claims.server.ts).
import db from "../db.server";

const known = new Map<string, string>();

export async function findOrCreateApiAllocation(
  shop: string,
  campaignId: string,
  partnerId: string,
): Promise<string> {
  const key = `${campaignId}\n${partnerId}`;
  const cached = known.get(key);
  if (cached) return cached;
  const where = { shop, campaignId, partnerId, channel: "api", revokedAt: null };
  let allocation = await db.allocation.findFirst({ where, select: { id: true } });
  if (!allocation) {
    try {
      allocation = await db.allocation.create({
        data: { shop, campaignId, partnerId, channel: "api", label: "Partner API", quantity: 0 },
        select: { id: true },
      });
    } catch {
      // Another request created it first (the unique index refused ours).
      allocation = await db.allocation.findFirstOrThrow({ where, select: { id: true } });
    }
  }
  known.set(key, allocation.id);
  return allocation.id;
}

/** Drops a remembered allocation that turned out revoked, so the next claim makes a new one. */
export function forgetApiAllocation(campaignId: string, partnerId: string): void {
  known.delete(`${campaignId}\n${partnerId}`);
}
