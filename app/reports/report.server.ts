// The Reports page's figures for one range and set of filters, read from the daily rollup
// (rollup.server.ts) and, for the funnel, from the codes' indexes. Money stays per currency.
import db from "../db.server";
import {
  addTotals,
  EMPTY_TOTALS,
  ratios,
  round2,
  type MoneyTotals,
  type Ratios,
} from "./definitions";
import { daysBetween } from "./local-days";
import type { ReportQuery } from "./report-range";
import { codeFunnel, type Funnel } from "./funnel.server";

export interface DayPoint {
  day: string;
  redemptions: number;
  netSales: number;
  discountCost: number;
}

export interface BarPoint {
  name: string;
  redemptions: number;
  netSales: number;
  discountCost: number;
}

export interface CurrencyReport {
  currency: string;
  totals: MoneyTotals;
  ratios: Ratios;
  days: DayPoint[];
  partners: BarPoint[];
  channels: BarPoint[];
}

export interface FilterOption {
  value: string;
  label: string;
}

export interface Report {
  currencies: CurrencyReport[];
  funnel: Funnel;
  options: { campaigns: FilterOption[]; partners: FilterOption[]; channels: FilterOption[] };
}

/** Not allocated to a partner or channel: published as a whole, or redeemed without hand-out. */
export const NO_CHANNEL = "Not allocated";
export const PARTNERS_CHANNEL = "Partners";

type Sums = {
  orders: number | null;
  cancelled: number | null;
  refunded: number | null;
  leaked: number | null;
  subtotal: unknown;
  discount: unknown;
  netSales: unknown;
};

const SUM = {
  orders: true,
  cancelled: true,
  refunded: true,
  leaked: true,
  subtotal: true,
  discount: true,
  netSales: true,
} as const;

function totalsOf(sum: Sums): MoneyTotals {
  return {
    orders: sum.orders ?? 0,
    cancelled: sum.cancelled ?? 0,
    refunded: sum.refunded ?? 0,
    leaked: sum.leaked ?? 0,
    subtotal: Number(sum.subtotal ?? 0),
    discount: Number(sum.discount ?? 0),
    netSales: Number(sum.netSales ?? 0),
  };
}

const point = (t: MoneyTotals) => ({
  redemptions: t.orders,
  netSales: round2(t.netSales),
  discountCost: round2(t.discount),
});

export async function buildReport(shop: string, query: ReportQuery): Promise<Report> {
  const [campaigns, partners, allocations] = await Promise.all([
    db.campaign.findMany({
      where: { shop },
      select: { id: true, name: true },
      orderBy: { createdAt: "desc" },
    }),
    db.partner.findMany({
      where: { shop },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    db.allocation.findMany({
      where: { shop },
      select: { id: true, channel: true, partnerId: true, campaignId: true },
    }),
  ]);
  const channelOf = new Map(
    allocations.map((a) => [a.id, a.channel ?? (a.partnerId ? PARTNERS_CHANNEL : NO_CHANNEL)]),
  );
  const channelNames = [
    ...new Set(allocations.flatMap((a) => (a.channel ? [a.channel] : []))),
  ].sort();
  const channelAllocations = query.channel
    ? allocations.filter((a) => a.channel === query.channel).map((a) => a.id)
    : null;

  const where = {
    shop,
    day: { gte: query.from, lte: query.to },
    ...(query.campaignId ? { campaignId: query.campaignId } : {}),
    ...(query.partnerId ? { partnerId: query.partnerId } : {}),
    ...(channelAllocations ? { allocationId: { in: channelAllocations } } : {}),
  };
  const [byDay, byPartner, byAllocation, funnel] = await Promise.all([
    db.reportDay.groupBy({ by: ["currency", "day"], where, _sum: SUM, orderBy: { day: "asc" } }),
    db.reportDay.groupBy({ by: ["currency", "partnerId"], where, _sum: SUM }),
    db.reportDay.groupBy({ by: ["currency", "allocationId"], where, _sum: SUM }),
    codeFunnel(shop, {
      campaignId: query.campaignId,
      allocationIds: query.partnerId
        ? allocations.filter((a) => a.partnerId === query.partnerId).map((a) => a.id)
        : channelAllocations,
    }),
  ]);

  const partnerName = new Map(partners.map((p) => [p.id, p.name]));
  const allDays = daysBetween(query.from, query.to);
  const reports = new Map<string, CurrencyReport>();
  const reportFor = (currency: string) => {
    let r = reports.get(currency);
    if (!r) {
      r = {
        currency,
        totals: EMPTY_TOTALS,
        ratios: ratios(EMPTY_TOTALS),
        days: [],
        partners: [],
        channels: [],
      };
      reports.set(currency, r);
    }
    return r;
  };
  const dayTotals = new Map<string, Map<string, MoneyTotals>>();
  for (const row of byDay) {
    const t = totalsOf(row._sum as Sums);
    const r = reportFor(row.currency);
    r.totals = addTotals(r.totals, t);
    if (!dayTotals.has(row.currency)) dayTotals.set(row.currency, new Map());
    dayTotals.get(row.currency)!.set(row.day, t);
  }
  for (const r of reports.values()) {
    r.ratios = ratios(r.totals);
    const days = dayTotals.get(r.currency)!;
    // Every day of the range, zero included, so the chart's axis is the range itself.
    r.days = allDays.map((day) => ({ day, ...point(days.get(day) ?? EMPTY_TOTALS) }));
  }
  for (const row of byPartner) {
    const name = row.partnerId
      ? (partnerName.get(row.partnerId) ?? "Deleted partner")
      : "No partner";
    reportFor(row.currency).partners.push({ name, ...point(totalsOf(row._sum as Sums)) });
  }
  const channelSums = new Map<string, Map<string, MoneyTotals>>();
  for (const row of byAllocation) {
    const name = row.allocationId ? (channelOf.get(row.allocationId) ?? NO_CHANNEL) : NO_CHANNEL;
    const sums = channelSums.get(row.currency) ?? new Map<string, MoneyTotals>();
    channelSums.set(row.currency, sums);
    sums.set(name, addTotals(sums.get(name) ?? EMPTY_TOTALS, totalsOf(row._sum as Sums)));
  }
  for (const [currency, sums] of channelSums) {
    reportFor(currency).channels = [...sums].map(([name, t]) => ({ name, ...point(t) }));
  }
  const byNetSales = (a: BarPoint, b: BarPoint) =>
    b.netSales - a.netSales || a.name.localeCompare(b.name);
  const currencies = [...reports.values()]
    .filter((r) => r.totals.orders + r.totals.cancelled > 0)
    .sort((a, b) => b.totals.netSales - a.totals.netSales);
  for (const r of currencies) {
    r.partners.sort(byNetSales);
    r.channels.sort(byNetSales);
  }
  return {
    currencies,
    funnel,
    options: {
      campaigns: campaigns.map((c) => ({ value: c.id, label: c.name })),
      partners: partners.map((p) => ({ value: p.id, label: p.name })),
      channels: channelNames.map((c) => ({ value: c, label: c })),
    },
  };
}

export interface PartnerTotal {
  partnerName: string;
  currency: string;
  redemptions: number;
  netSales: string;
  discountCost: string;
}

/** Since the first order, per partner and currency, from the rollup: what commission is owed on. */
export async function allTimePartnerTotals(shop: string): Promise<PartnerTotal[]> {
  const [groups, partners] = await Promise.all([
    db.reportDay.groupBy({ by: ["partnerId", "currency"], where: { shop }, _sum: SUM }),
    db.partner.findMany({ where: { shop }, select: { id: true, name: true } }),
  ]);
  const names = new Map(partners.map((p) => [p.id, p.name]));
  return groups
    .map((g) => {
      const t = totalsOf(g._sum as Sums);
      return {
        partnerName: g.partnerId ? (names.get(g.partnerId) ?? "Deleted partner") : "No partner",
        currency: g.currency,
        redemptions: t.orders,
        netSales: t.netSales.toFixed(2),
        discountCost: t.discount.toFixed(2),
        sales: t.netSales,
      };
    })
    .filter((t) => t.redemptions > 0 || t.sales > 0)
    .sort((a, b) => b.sales - a.sales)
    .map(({ sales: _sales, ...t }) => t);
}
