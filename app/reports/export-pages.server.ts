// The rows of the large downloads, read in keyset pages: each page continues after the last row of
// the one before through an index, so page 100 costs what page 1 does and memory holds one page.
import { param } from "../attribution/batch-sql.server";
import { readDate, sqliteDate } from "../attribution/sql-plan";
import db, { databaseProvider } from "../db.server";
import { ORDER_NET_SALES_SQL } from "./definitions";

export const PAGE_SIZE = 20_000;

const dbDate = (date: Date) => (databaseProvider === "sqlite" ? sqliteDate(date) : date);

export interface CampaignCodeRow {
  id: number;
  code: string;
  status: string;
  pushState: string;
  pushError: string | null;
  boundCustomerId: string | null;
}

export async function* campaignCodePages(shop: string, campaignId: string, pageSize = PAGE_SIZE) {
  let after = 0;
  for (;;) {
    const page: CampaignCodeRow[] = await db.code.findMany({
      where: { campaignId, shop, id: { gt: after } },
      orderBy: { id: "asc" },
      take: pageSize,
      select: {
        id: true,
        code: true,
        status: true,
        pushState: true,
        pushError: true,
        boundCustomerId: true,
      },
    });
    if (page.length) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.id;
  }
}

export interface AllocationCodeRow {
  id: number;
  code: string;
  status: string;
  distributedAt: Date | null;
}

export async function* allocationCodePages(
  shop: string,
  allocationId: string,
  pageSize = PAGE_SIZE,
) {
  let after = 0;
  for (;;) {
    const page: AllocationCodeRow[] = await db.code.findMany({
      where: { allocationId, shop, id: { gt: after } },
      orderBy: { id: "asc" },
      take: pageSize,
      select: { id: true, code: true, status: true, distributedAt: true },
    });
    if (page.length) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.id;
  }
}

export interface RedemptionExportRow {
  id: string;
  orderName: string | null;
  orderId: string;
  orderedAt: Date;
  code: string;
  partnerId: string | null;
  allocationId: string | null;
  currency: string;
  subtotal: unknown;
  discount: unknown;
  refundedSales: unknown;
  netSales: unknown;
  state: string;
}

export interface RedemptionScope {
  start: Date;
  end: Date;
  campaignId: string | null;
  partnerId: string | null;
  /** Only these allocations' redemptions (a channel's); null for all. */
  allocationIds: string[] | null;
}

/** The shop's redemptions ordered in [start, end), oldest first, with their net sales. */
export async function* redemptionPages(shop: string, scope: RedemptionScope, pageSize = PAGE_SIZE) {
  if (scope.allocationIds && scope.allocationIds.length === 0) return;
  const args: unknown[] = [shop, dbDate(scope.start), dbDate(scope.end)];
  const filters: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    args.push(value);
    filters.push(sql(param(args.length)));
  };
  if (scope.campaignId) add((p) => `"campaignId" = ${p}`, scope.campaignId);
  if (scope.partnerId) add((p) => `"partnerId" = ${p}`, scope.partnerId);
  if (scope.allocationIds) {
    const list = scope.allocationIds.map((id) => {
      args.push(id);
      return param(args.length);
    });
    filters.push(`"allocationId" IN (${list.join(", ")})`);
  }
  const afterAt = param(args.length + 1);
  const afterId = param(args.length + 2);
  const limit = param(args.length + 3, "int");
  const sql = `SELECT "id", "orderName", "orderId", "orderedAt", "code", "partnerId", "allocationId",
    "currency", "subtotal", "discount", "refundedSales", ${ORDER_NET_SALES_SQL} AS "netSales", "state"
  FROM "Redemption"
  WHERE "shop" = ${param(1)} AND "orderedAt" >= ${param(2)} AND "orderedAt" < ${param(3)}
    ${filters.map((f) => `AND ${f}`).join(" ")}
    AND ("orderedAt" > ${afterAt} OR ("orderedAt" = ${afterAt} AND "id" > ${afterId}))
  ORDER BY "orderedAt", "id" LIMIT ${limit}`;
  let after: [unknown, string] = [dbDate(new Date(0)), ""];
  for (;;) {
    const page = await db.$queryRawUnsafe<RedemptionExportRow[]>(sql, ...args, ...after, pageSize);
    if (page.length) yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1]!;
    // Written as the database stores dates, so rows at the same instant compare equal.
    after = [dbDate(readDate(last.orderedAt)!), last.id];
  }
}
