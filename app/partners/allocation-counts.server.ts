// Allocations as the admin lists them (a campaign's, or a partner's across campaigns), each with
// its codes counted by state and its sales summed per currency.
import { salesByOwner } from "../reports/sales-totals.server";
import db from "../db.server";
import { allocationCodeTallies } from "../reports/code-tallies.server";

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
  // From the tallies the database keeps with the codes: no count over an allocation's codes.
  const [tallies, sales] = await Promise.all([
    allocationCodeTallies(shop, ids),
    salesByOwner(shop, "allocationId", ids),
  ]);
  return allocations.map((a) => {
    const count = (status: string) =>
      tallies
        .filter((row) => row.allocationId === a.id && row.status === status)
        .reduce((sum, row) => sum + row.count, 0);
    const own = sales.get(a.id) ?? [];
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
        orders: own.reduce((sum, row) => sum + row.redemptions, 0),
        // Net sales, as the Reports page counts them: what the partner's codes really brought in.
        totals: own.map((row) => ({ currency: row.currency, total: row.netSales })),
      },
    };
  });
}
