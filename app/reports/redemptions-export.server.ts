// The redemptions CSV an affiliate network pays commission from: one row per order with a code,
// for the report's range and filters, with the same net sales the report sums (definitions.ts).
import { minorDigits } from "@onecode/checkout-rules/currency";
import { readDate } from "../group-commit/sql-plan";
import db from "../db.server";
import type { CsvColumn } from "../codes/csv-export";
import { csvFromPages } from "./csv-pages";
import { dayStart, nextDay } from "./local-days";
import { redemptionPages, type RedemptionExportRow } from "./export-pages.server";
import type { ReportQuery } from "./report-range";

const STATES: Record<string, string> = {
  created: "placed",
  paid: "paid",
  cancelled: "cancelled",
  refunded: "refunded",
  partially_refunded: "partially refunded",
};

/** An amount as the currency writes it (JPY 0 decimals, KWD 3), whatever the database returned. */
function amount(value: unknown, currency: string): string {
  return Number(value ?? 0).toFixed(minorDigits(currency));
}

// How Prisma's SQLite adapter stores a date: UTC, milliseconds, "+00:00".
const SQLITE_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;

/** The order's time as an ISO instant; SQLite's stored text is rewritten without a Date per row. */
function isoDate(value: unknown): string | null {
  if (typeof value === "string" && SQLITE_UTC.test(value)) return `${value.slice(0, 23)}Z`;
  return readDate(value)?.toISOString() ?? null;
}

export async function redemptionsCsv(
  shop: string,
  query: ReportQuery,
  timeZone: string,
): Promise<AsyncGenerator<string>> {
  const [partners, allocations] = await Promise.all([
    db.partner.findMany({ where: { shop }, select: { id: true, name: true } }),
    db.allocation.findMany({ where: { shop }, select: { id: true, label: true, channel: true } }),
  ]);
  const partnerName = new Map(partners.map((p) => [p.id, p.name]));
  const allocationLabel = new Map(allocations.map((a) => [a.id, a.label]));
  const columns: CsvColumn<RedemptionExportRow>[] = [
    { header: "order_name", value: (r) => r.orderName ?? r.orderId },
    { header: "date", value: (r) => isoDate(r.orderedAt) },
    { header: "code", value: (r) => r.code },
    { header: "partner", value: (r) => (r.partnerId ? (partnerName.get(r.partnerId) ?? "") : "") },
    {
      header: "allocation",
      value: (r) => (r.allocationId ? (allocationLabel.get(r.allocationId) ?? "") : ""),
    },
    { header: "currency", value: (r) => r.currency },
    { header: "subtotal", value: (r) => amount(r.subtotal, r.currency) },
    { header: "discount", value: (r) => amount(r.discount, r.currency) },
    { header: "refunds", value: (r) => amount(r.refundedSales, r.currency) },
    { header: "net", value: (r) => amount(r.netSales, r.currency) },
    { header: "state", value: (r) => STATES[r.state] ?? r.state },
  ];
  const pages = redemptionPages(shop, {
    start: dayStart(query.from, timeZone),
    end: dayStart(nextDay(query.to), timeZone),
    campaignId: query.campaignId,
    partnerId: query.partnerId,
    allocationIds: query.channel
      ? allocations.filter((a) => a.channel === query.channel).map((a) => a.id)
      : null,
  });
  return csvFromPages(pages, columns);
}
