import db from "../db.server";
import { Prisma } from "../generated/prisma/sqlite/client";

export interface PartnerTotal {
  partnerId: string | null;
  partnerName: string;
  currency: string;
  redemptions: number;
  netSales: string;
  discountCost: string;
}

const zero = new Prisma.Decimal(0);

/**
 * Net sales (order totals less refunds) and discount cost per partner and currency, cancelled
 * orders excluded: the answer to "which partner drove real sales". Currencies are never summed
 * together.
 */
export async function partnerTotals(shop: string): Promise<PartnerTotal[]> {
  const groups = await db.redemption.groupBy({
    by: ["partnerId", "currency"],
    where: { shop, state: { not: "cancelled" } },
    _count: { _all: true },
    _sum: { total: true, refunded: true, discount: true },
  });
  const partnerIds = groups.flatMap((g) => (g.partnerId ? [g.partnerId] : []));
  const partners = await db.partner.findMany({
    where: { shop, id: { in: partnerIds } },
    select: { id: true, name: true },
  });
  const names = new Map(partners.map((p) => [p.id, p.name]));
  return groups
    .map((g) => ({
      partnerId: g.partnerId,
      partnerName: g.partnerId ? (names.get(g.partnerId) ?? "Deleted partner") : "No partner",
      currency: g.currency,
      redemptions: g._count._all,
      netSales: (g._sum.total ?? zero).minus(g._sum.refunded ?? zero).toFixed(2),
      discountCost: (g._sum.discount ?? zero).toFixed(2),
    }))
    .sort((a, b) => Number(b.netSales) - Number(a.netSales));
}
