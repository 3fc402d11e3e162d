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

// Raw SQL: Prisma's per-row work costs about a third of a download's time at this size. The shop
// is still checked on every row, but as an expression ("shop" || ''), so neither database walks
// the (shop, code) index instead of the (campaignId, id) or (allocationId, status) one and then
// sorts every remaining code for each page.
async function* codePages<Row extends { id: number }>(
  columns: string,
  where: string,
  args: unknown[],
  pageSize: number,
): AsyncGenerator<Row[]> {
  const n = args.length;
  const sql = `SELECT ${columns} FROM "Code" WHERE ${where} AND "id" > ${param(n + 1, "int")}
    ORDER BY "id" LIMIT ${param(n + 2, "int")}`;
  let after = 0;
  for (;;) {
    const page = await db.$queryRawUnsafe<Row[]>(sql, ...args, after, pageSize);
    if (page.length) yield page;
    if (page.length < pageSize) return;
    after = Number(page[page.length - 1]!.id);
  }
}

export function campaignCodePages(shop: string, campaignId: string, pageSize = PAGE_SIZE) {
  return codePages<CampaignCodeRow>(
    `"id", "code", "status", "pushState", "pushError", "boundCustomerId"`,
    `"campaignId" = ${param(1)} AND "shop" || '' = ${param(2)}`,
    [campaignId, shop],
    pageSize,
  );
}

export interface AllocationCodeRow {
  id: number;
  code: string;
  status: string;
  /** As the database returned it (readDate reads either form). */
  distributedAt: unknown;
}

export function allocationCodePages(shop: string, allocationId: string, pageSize = PAGE_SIZE) {
  return codePages<AllocationCodeRow>(
    `"id", "code", "status", "distributedAt"`,
    `"allocationId" = ${param(1)} AND "shop" || '' = ${param(2)}`,
    [allocationId, shop],
    pageSize,
  );
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

// Amounts as doubles: Prisma reads a DECIMAL column into a Decimal object, a cost per cell that
// dominates a large export; the CSV prints each amount to its currency's decimals anyway.
const float = (column: string) => `CAST("${column}" AS DOUBLE PRECISION) AS "${column}"`;

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
  // The bare ">=" lets both databases start each page's index walk at the last row seen.
  const afterAt = param(args.length + 1);
  const afterId = param(args.length + 2);
  const limit = param(args.length + 3, "int");
  const sql = `SELECT "id", "orderName", "orderId", "orderedAt", "code", "partnerId", "allocationId",
    "currency", ${float("subtotal")}, ${float("discount")}, ${float("refundedSales")},
    CAST(${ORDER_NET_SALES_SQL} AS DOUBLE PRECISION) AS "netSales", "state"
  FROM "Redemption"
  WHERE "shop" = ${param(1)} AND "orderedAt" >= ${param(2)} AND "orderedAt" < ${param(3)}
    ${filters.map((f) => `AND ${f}`).join(" ")}
    AND "orderedAt" >= ${afterAt} AND ("orderedAt" > ${afterAt} OR "id" > ${afterId})
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
