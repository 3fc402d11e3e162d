// Redemptions, net sales and discount cost per currency for campaigns, partners or allocations,
// as the Reports page defines them (definitions.ts): the totals the campaign and partner pages
// show. Read from the reports' daily rollup, brought up to date first, so a page view sums a few
// rows per day instead of every redemption (200,000 redemptions took a quarter of a second).
import db from "../db.server";
import { Prisma } from "../generated/prisma/sqlite/client";
import { refreshRollup } from "./rollup.server";

export interface CurrencyTotal {
  currency: string;
  redemptions: number;
  netSales: string;
  discountCost: string;
}

type Column = "campaignId" | "partnerId" | "allocationId";

const decimal = (value: unknown) => new Prisma.Decimal(value == null ? 0 : String(value));

/**
 * Brings the shop's rollup up to date in the time zone it was last cut in: totals over all days
 * are the same in any zone, so the campaign and partner pages need not know the shop's, and never
 * make the Reports page cut every day again. UTC for a shop whose rollup was never built.
 */
function freshRollup(shop: string): Promise<void> {
  // A page asks for several owners' totals at once: they share one refresh.
  let refresh = refreshing.get(shop);
  if (!refresh) {
    refresh = (async () => {
      const state = await db.reportRollup.findUnique({
        where: { shop },
        select: { timeZone: true },
      });
      await refreshRollup(shop, state?.timeZone ?? "UTC");
    })().finally(() => refreshing.delete(shop));
    refreshing.set(shop, refresh);
  }
  return refresh;
}

const refreshing = new Map<string, Promise<void>>();

/** Totals per owner (a campaign, partner or allocation id), each sorted by currency. */
export async function salesByOwner(
  shop: string,
  column: Column,
  ids: readonly string[],
): Promise<Map<string, CurrencyTotal[]>> {
  const byOwner = new Map<string, CurrencyTotal[]>();
  if (ids.length === 0) return byOwner;
  await freshRollup(shop);
  // The rollup's orders, netSales and discount leave cancelled orders out, as these totals do.
  const groups = await db.reportDay.groupBy({
    by: [column, "currency"],
    where: { shop, [column]: { in: [...ids] } },
    _sum: { orders: true, netSales: true, discount: true },
  });
  for (const g of groups) {
    const owner = (g as unknown as Record<Column, string>)[column];
    const redemptions = g._sum.orders ?? 0;
    // A currency whose only orders were cancelled has no sales to show, as before the rollup.
    if (redemptions === 0) continue;
    const list = byOwner.get(owner) ?? [];
    list.push({
      currency: g.currency,
      redemptions,
      netSales: decimal(g._sum.netSales).toFixed(2),
      discountCost: decimal(g._sum.discount).toFixed(2),
    });
    byOwner.set(owner, list);
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
