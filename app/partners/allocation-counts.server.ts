// Allocations as the admin lists them (a campaign's, or a partner's across campaigns), each with
// its codes counted by state and its sales summed per currency.
import db from "../db.server";

export interface AllocationSummary {
  id: string;
  label: string;
  campaignId: string;
  campaignName: string;
  partnerId: string | null;
  channel: string | null;
  quantity: number;
  createdAt: string;
  revokedAt: string | null;
  counts: { allocated: number; handedOut: number; redeemed: number; revoked: number };
  /** Redemptions that still stand (not cancelled), with their totals per currency. */
  sales: { orders: number; totals: { currency: string; total: string }[] };
}

export async function listAllocations(
  shop: string,
  where: { campaignId: string } | { partnerId: string },
): Promise<AllocationSummary[]> {
  const allocations = await db.allocation.findMany({
    where: { shop, ...where },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      label: true,
      campaignId: true,
      partnerId: true,
      channel: true,
      quantity: true,
      createdAt: true,
      revokedAt: true,
      campaign: { select: { name: true } },
    },
  });
  if (allocations.length === 0) return [];
  const ids = allocations.map((a) => a.id);
  const [byStatus, sales] = await Promise.all([
    db.code.groupBy({
      by: ["allocationId", "status"],
      where: { shop, allocationId: { in: ids } },
      _count: { _all: true },
    }),
    db.redemption.groupBy({
      by: ["allocationId", "currency"],
      where: { shop, allocationId: { in: ids }, state: { not: "cancelled" } },
      _count: { _all: true },
      _sum: { total: true, refunded: true },
    }),
  ]);
  return allocations.map((a) => {
    const count = (status: string) =>
      byStatus.find((row) => row.allocationId === a.id && row.status === status)?._count._all ?? 0;
    const own = sales.filter((row) => row.allocationId === a.id);
    return {
      id: a.id,
      label: a.label,
      campaignId: a.campaignId,
      campaignName: a.campaign.name,
      partnerId: a.partnerId,
      channel: a.channel,
      quantity: a.quantity,
      createdAt: a.createdAt.toISOString(),
      revokedAt: a.revokedAt?.toISOString() ?? null,
      counts: {
        allocated: count("allocated"),
        handedOut: count("distributed"),
        redeemed: count("redeemed"),
        revoked: count("revoked"),
      },
      sales: {
        orders: own.reduce((sum, row) => sum + row._count._all, 0),
        totals: own.map((row) => ({
          currency: row.currency,
          // Net of refunds: what the partner's codes really brought in.
          total: row._sum.total ? row._sum.total.minus(row._sum.refunded ?? 0).toFixed(2) : "0.00",
        })),
      },
    };
  });
}
