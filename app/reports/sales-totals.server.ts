// Redemptions, net sales and discount cost per currency for campaigns, partners or allocations,
// as the Reports page defines them (net-sales.ts): the totals the campaign and partner pages show.
import { param } from "../attribution/batch-sql.server";
import db from "../db.server";
import { Prisma } from "../generated/prisma/sqlite/client";
import { NET_SALES_SQL, NOT_SALES_STATE } from "./net-sales";

export interface CurrencyTotal {
  currency: string;
  redemptions: number;
  netSales: string;
  discountCost: string;
}

type Column = "campaignId" | "partnerId" | "allocationId";

const totalsSql = (column: Column, ids: number) => `SELECT "${column}" AS "owner", "currency",
  COUNT(*) AS "redemptions", SUM(${NET_SALES_SQL}) AS "netSales", SUM("discount") AS "discountCost"
FROM "Redemption" WHERE "shop" = ${param(1)}
  AND "${column}" IN (${Array.from({ length: ids }, (_, i) => param(i + 2)).join(", ")})
  AND "state" <> '${NOT_SALES_STATE}'
GROUP BY "${column}", "currency"`;

const decimal = (value: unknown) => new Prisma.Decimal(value == null ? 0 : String(value));

/** Totals per owner (a campaign, partner or allocation id), each sorted by currency. */
export async function salesByOwner(
  shop: string,
  column: Column,
  ids: readonly string[],
): Promise<Map<string, CurrencyTotal[]>> {
  const byOwner = new Map<string, CurrencyTotal[]>();
  if (ids.length === 0) return byOwner;
  const rows = await db.$queryRawUnsafe<
    {
      owner: string;
      currency: string;
      redemptions: number | bigint;
      netSales: unknown;
      discountCost: unknown;
    }[]
  >(totalsSql(column, ids.length), shop, ...ids);
  for (const r of rows) {
    const list = byOwner.get(r.owner) ?? [];
    list.push({
      currency: r.currency,
      redemptions: Number(r.redemptions),
      netSales: decimal(r.netSales).toFixed(2),
      discountCost: decimal(r.discountCost).toFixed(2),
    });
    byOwner.set(r.owner, list);
  }
  for (const list of byOwner.values()) list.sort((a, b) => a.currency.localeCompare(b.currency));
  return byOwner;
}

export async function salesByCurrency(
  shop: string,
  of: { campaignId: string } | { partnerId: string },
): Promise<CurrencyTotal[]> {
  const [column, id] =
    "campaignId" in of
      ? (["campaignId", of.campaignId] as const)
      : (["partnerId", of.partnerId] as const);
  return (await salesByOwner(shop, column, [id])).get(id) ?? [];
}
