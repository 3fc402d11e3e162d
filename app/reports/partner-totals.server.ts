import { param } from "../attribution/batch-sql.server";
import db from "../db.server";
import { Prisma } from "../generated/prisma/sqlite/client";
import { NET_SALES_SQL, NOT_SALES_STATE } from "./net-sales";

export interface PartnerTotal {
  partnerId: string | null;
  partnerName: string;
  currency: string;
  redemptions: number;
  netSales: string;
  discountCost: string;
}

// The database sums per row (net-sales.ts), so a refund larger than its order's subtotal cannot
// take sales from another order of the same partner.
const TOTALS = `SELECT "partnerId", "currency", COUNT(*) AS "redemptions",
  SUM(${NET_SALES_SQL}) AS "netSales", SUM("discount") AS "discountCost"
FROM "Redemption" WHERE "shop" = ${param(1)} AND "state" <> '${NOT_SALES_STATE}'
GROUP BY "partnerId", "currency"`;

interface Row {
  partnerId: string | null;
  currency: string;
  redemptions: number | bigint;
  netSales: unknown;
  discountCost: unknown;
}

const decimal = (value: unknown) => new Prisma.Decimal(value == null ? 0 : String(value));

/**
 * Net sales (net-sales.ts) and discount cost per partner and currency: the answer to "which
 * partner drove real sales". Currencies are never summed together.
 */
export async function partnerTotals(shop: string): Promise<PartnerTotal[]> {
  const groups = await db.$queryRawUnsafe<Row[]>(TOTALS, shop);
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
      redemptions: Number(g.redemptions),
      netSales: decimal(g.netSales).toFixed(2),
      discountCost: decimal(g.discountCost).toFixed(2),
    }))
    .sort((a, b) => Number(b.netSales) - Number(a.netSales));
}
