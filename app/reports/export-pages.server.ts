// The rows of the large downloads, read in keyset pages: each page continues after the last row of
// the one before through an index, so page 100 costs what page 1 does and memory holds one page.
import { param } from "../group-commit/batch-sql.server";
import { readDate, sqliteDate } from "../group-commit/sql-plan";
import db, { databaseProvider, driverQuery } from "../db.server";
import type { DriverArg } from "../db/driver-transaction.server";
import { ORDER_NET_SALES_SQL } from "./definitions";
import { sqlitePage } from "./sqlite-pages.server";

// A couple of thousand rows a page: on SQLite a page is read in one synchronous step
// (sqlite-pages.server.ts) that must stay short, and on both databases a small page dies young in
// V8's new generation instead of growing the heap; decision 027 has the figures.
export const PAGE_SIZE = 2_000;

function pageRows(sql: string, args: DriverArg[]): Promise<unknown[][]> {
  return databaseProvider === "sqlite"
    ? sqlitePage(
        sql,
        args.map((a) => a.value),
      )
    : driverQuery(db, sql, args);
}

// Dates as the driver compares them: SQLite holds Prisma's ISO text, PostgreSQL a UTC timestamp
// without zone (the SQL casts the text).
const dbDate = (date: Date): DriverArg => ({
  value: databaseProvider === "sqlite" ? sqliteDate(date) : date.toISOString().replace("Z", ""),
  type: "string",
});
const text = (value: string): DriverArg => ({ value, type: "string" });
const int = (value: number): DriverArg => ({ value, type: "int" });

export interface CampaignCodeRow {
  id: number;
  code: string;
  status: string;
  pushState: string;
  pushError: string | null;
  boundCustomerId: string | null;
}

// Below Prisma's query compiler (on SQLite, on a connection of their own): its per-row work (a JSON round trip, an object and
// typed values per cell) cost more than the database's own for a download of this size. The shop
// is still checked on every row, but as an expression ("shop" || ''), so neither database walks
// the (shop, code) index instead of the (campaignId, id) or (allocationId, id) one and then
// sorts every remaining code for each page.
async function* codePages<Row extends { id: number }>(
  columns: string,
  where: string,
  args: DriverArg[],
  pageSize: number,
  toRow: (cells: unknown[]) => Row,
): AsyncGenerator<Row[]> {
  const n = args.length;
  const sql = `SELECT ${columns} FROM "Code" WHERE ${where} AND "id" > ${param(n + 1, "int")}
    ORDER BY "id" LIMIT ${param(n + 2, "int")}`;
  let after = 0;
  for (;;) {
    const cells = await pageRows(sql, [...args, int(after), int(pageSize)]);
    const page = cells.map(toRow);
    if (page.length) yield page;
    if (page.length < pageSize) return;
    after = Number(page[page.length - 1]!.id);
  }
}

const str = (value: unknown) => (value == null ? null : String(value));

export function campaignCodePages(shop: string, campaignId: string, pageSize = PAGE_SIZE) {
  return codePages<CampaignCodeRow>(
    `"id", "code", "status", "pushState", "pushError", "boundCustomerId"`,
    `"campaignId" = ${param(1)} AND "shop" || '' = ${param(2)}`,
    [text(campaignId), text(shop)],
    pageSize,
    (c) => ({
      id: Number(c[0]),
      code: String(c[1]),
      status: String(c[2]),
      pushState: String(c[3]),
      pushError: str(c[4]),
      boundCustomerId: str(c[5]),
    }),
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
    [text(allocationId), text(shop)],
    pageSize,
    (c) => ({ id: Number(c[0]), code: String(c[1]), status: String(c[2]), distributedAt: c[3] }),
  );
}

export interface RedemptionExportRow {
  id: string;
  orderName: string | null;
  orderId: string;
  /** As the driver returned it (readDate reads either form). */
  orderedAt: unknown;
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
  const args: DriverArg[] = [text(shop), dbDate(scope.end)];
  const filters: string[] = [];
  const add = (sql: (p: string) => string, value: string) => {
    args.push(text(value));
    filters.push(sql(param(args.length)));
  };
  if (scope.campaignId) add((p) => `"campaignId" = ${p}`, scope.campaignId);
  if (scope.partnerId) add((p) => `"partnerId" = ${p}`, scope.partnerId);
  if (scope.allocationIds) {
    const list = scope.allocationIds.map((id) => {
      args.push(text(id));
      return param(args.length);
    });
    filters.push(`"allocationId" IN (${list.join(", ")})`);
  }
  const afterAt = param(args.length + 1, "timestamp");
  const afterId = param(args.length + 2);
  const limit = param(args.length + 3, "int");
  const sql = `SELECT "id", "orderName", "orderId", "orderedAt", "code", "partnerId", "allocationId",
    "currency", ${float("subtotal")}, ${float("discount")}, ${float("refundedSales")},
    CAST(${ORDER_NET_SALES_SQL} AS DOUBLE PRECISION) AS "netSales", "state"
  FROM "Redemption"
  WHERE "shop" = ${param(1)} AND "orderedAt" < ${param(2, "timestamp")}
    ${filters.map((f) => `AND ${f}`).join(" ")}
    AND "orderedAt" >= ${afterAt} AND ("orderedAt" > ${afterAt} OR "id" > ${afterId})
  ORDER BY "orderedAt", "id" LIMIT ${limit}`;
  // One lower bound only (the range's start, then the last row seen), so the index walk starts
  // there: given two, SQLite may start at the range's start and skip every earlier page again.
  let after: DriverArg[] = [dbDate(scope.start), text("")];
  for (;;) {
    const cells = await pageRows(sql, [...args, ...after, int(pageSize)]);
    const page = cells.map((c): RedemptionExportRow => ({
      id: String(c[0]),
      orderName: str(c[1]),
      orderId: String(c[2]),
      orderedAt: c[3],
      code: String(c[4]),
      partnerId: str(c[5]),
      allocationId: str(c[6]),
      currency: String(c[7]),
      subtotal: c[8],
      discount: c[9],
      refundedSales: c[10],
      netSales: c[11],
      state: String(c[12]),
    }));
    if (page.length) yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1]!;
    // Written as the database stores dates, so rows at the same instant compare equal.
    after = [dbDate(readDate(last.orderedAt)!), text(last.id)];
  }
}
