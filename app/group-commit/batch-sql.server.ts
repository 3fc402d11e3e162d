// The order batch's statements in raw SQL as plans, one per table per batch, its rows as one JSON
// document the database expands (decisions 004, 030). Row ids are random UUIDs.
import { randomUUID } from "node:crypto";
import { databaseProvider } from "../db.server";
import type { AnomalyKind } from "../anomalies/detect";
import type { CodeStatus } from "../generated/prisma/sqlite/enums";
import { readSettings, type ShopSettings } from "../shops/settings";
import type { RedemptionState } from "../attribution/redemption-state";
import { execute, query, readDate, readJson, sqliteDate, type Plan } from "./sql-plan";

/** A column and its PostgreSQL type (SQLite stores what JSON gives it, by column affinity). */
type Column = readonly [name: string, pgType: string];

type Value = string | number | Date | null | Record<string, unknown>;

function insertStatement(table: string, columns: readonly Column[]): string {
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  if (databaseProvider === "sqlite") {
    const values = columns.map(([name]) => `json_extract(value, '$.${name}')`).join(", ");
    // `WHERE true` resolves SQLite's parsing ambiguity between a join's ON and an upsert clause.
    return `INSERT INTO "${table}" (${names}) SELECT ${values} FROM json_each(?) WHERE true`;
  }
  const types = columns.map(([name, type]) => `"${name}" ${type}`).join(", ");
  return `INSERT INTO "${table}" (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS r(${types})`;
}

// Dates as Prisma writes them; the replacer reads the holder's Date, as toJSON has run already.
function dateReplacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (!(raw instanceof Date)) return value;
  return databaseProvider === "sqlite" ? sqliteDate(raw) : raw.toISOString();
}

function bulkInsert(table: string, columns: readonly Column[]) {
  const sql = insertStatement(table, columns);
  return function* (rows: readonly Record<string, Value>[]): Plan<void> {
    if (rows.length === 0) return;
    yield* execute(sql, JSON.stringify(rows, dateReplacer));
  };
}

const EVENT_COLUMNS: readonly Column[] = [
  ["id", "text"],
  ["eventId", "text"],
  ["webhookId", "text"],
  ["shop", "text"],
  ["topic", "text"],
  ["triggeredAt", "timestamp(3)"],
  ["receivedAt", "timestamp(3)"],
];
const CLAIM_EVENTS = `${insertStatement("WebhookEvent", EVENT_COLUMNS)} ON CONFLICT ("eventId") DO NOTHING RETURNING "eventId"`;

export interface WebhookEventRow {
  eventId: string;
  webhookId: string | null;
  shop: string;
  topic: string;
  triggeredAt: Date | null;
}

/**
 * Records the events whose ids are new and returns those ids (decision 029). The batch's first
 * statement, a write, so SQLite takes the write lock before any read's snapshot can go stale.
 */
export function* claimWebhookEvents(
  rows: readonly WebhookEventRow[],
  now = new Date(),
): Plan<Set<string>> {
  if (rows.length === 0) return new Set();
  const json = JSON.stringify(
    rows.map((row) => ({ id: randomUUID(), ...row, receivedAt: now })),
    dateReplacer,
  );
  const claimed = yield* query<{ eventId: string }>(CLAIM_EVENTS, json);
  return new Set(claimed.map((row) => row.eventId));
}

const REDEMPTION = bulkInsert("Redemption", [
  ["id", "text"],
  ["shop", "text"],
  ["campaignId", "text"],
  ["codeId", "integer"],
  ["code", "text"],
  ["allocationId", "text"],
  ["partnerId", "text"],
  ["orderId", "text"],
  ["orderName", "text"],
  ["customerId", "text"],
  ["customerEmail", "text"],
  ["currency", "text"],
  ["subtotal", "decimal(65,30)"],
  ["discount", "decimal(65,30)"],
  ["total", "decimal(65,30)"],
  ["refunded", "decimal(65,30)"],
  ["refundedSales", "decimal(65,30)"],
  ["state", `"RedemptionState"`],
  ["orderedAt", "timestamp(3)"],
  ["createdAt", "timestamp(3)"],
  ["updatedAt", "timestamp(3)"],
]);

export interface RedemptionRow {
  shop: string;
  campaignId: string;
  codeId: number;
  code: string;
  allocationId: string | null;
  partnerId: string | null;
  orderId: string;
  orderName: string | null;
  customerId: string | null;
  customerEmail: string | null;
  currency: string;
  /** Decimal amounts as text (money.ts formatMoney): exact on both databases. */
  subtotal: string;
  discount: string;
  total: string;
  refunded: string;
  refundedSales: string;
  state: string;
  orderedAt: Date;
}

/** Inserts the redemptions; returns their new ids, in the order given. */
export function* insertRedemptions(
  rows: readonly RedemptionRow[],
  now = new Date(),
): Plan<string[]> {
  const withIds = rows.map((row) => ({
    id: randomUUID(),
    ...row,
    createdAt: now,
    updatedAt: now,
  }));
  yield* REDEMPTION(withIds);
  return withIds.map((row) => row.id);
}

const AUDIT_LOG = bulkInsert("AuditLog", [
  ["id", "text"],
  ["shop", "text"],
  ["actor", "text"],
  ["action", "text"],
  ["subjectType", "text"],
  ["subjectId", "text"],
  ["details", "jsonb"],
  ["createdAt", "timestamp(3)"],
]);

export interface AuditLogRow {
  shop: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
}

export function* insertAuditLogs(rows: readonly AuditLogRow[], now = new Date()): Plan<void> {
  yield* AUDIT_LOG(rows.map((row) => ({ id: randomUUID(), ...row, createdAt: now })));
}

/** Marks codes redeemed (a burst's orders often share their time: one statement per time). */
export function* markRedeemed(shop: string, ids: readonly number[], at: Date): Plan<void> {
  if (ids.length === 0) return;
  yield* execute(MARK_REDEEMED, at, shop, JSON.stringify(ids));
}

// By primary key: the unary `+` keeps SQLite's planner from scanning the shop's (shop, code) index.
const MARK_REDEEMED =
  databaseProvider === "sqlite"
    ? `UPDATE "Code" SET "status" = 'redeemed', "redeemedAt" = ? WHERE +"shop" = ? AND "id" IN (SELECT value FROM json_each(?))`
    : `UPDATE "Code" SET "status" = 'redeemed', "redeemedAt" = $1 WHERE "shop" = $2 AND "id" IN (SELECT value::int FROM json_array_elements_text($3::json))`;

/** An order's code as attribution reads it, with its allocation's partner and its campaign's rules. */
export interface CodeRow {
  id: number;
  code: string;
  status: CodeStatus;
  campaignId: string;
  allocationId: string | null;
  boundCustomerId: string | null;
  distributedAt: Date | null;
  redeemedAt: Date | null;
  revokedAt: Date | null;
  allocation: { partnerId: string | null; revokedAt: Date | null } | null;
  campaign: { rules: unknown; bindingKey: string | null };
}

type FlatCodeRow = Omit<CodeRow, "allocation" | "campaign"> & {
  partnerId: string | null;
  allocationRevokedAt: Date | null;
  hasAllocation: number | boolean | null;
  rules: unknown;
  bindingKey: string | null;
};

// The column's case-insensitive collation applies to the IN, as to Prisma's own `in` filter.
const FIND_CODES = `SELECT c."id", c."code", c."status", c."campaignId", c."allocationId",
  c."boundCustomerId", c."distributedAt", c."redeemedAt", c."revokedAt",
  a."partnerId", a."revokedAt" AS "allocationRevokedAt", a."id" IS NOT NULL AS "hasAllocation",
  k."rules", k."bindingKey"
FROM "Code" c
JOIN "Campaign" k ON k."id" = c."campaignId"
LEFT JOIN "Allocation" a ON a."id" = c."allocationId"
WHERE c."shop" = ${param(1)} AND c."code" IN (${jsonValues(2)})`;

/** The shop's codes among `codes` (one read with their allocation and campaign). */
export function* findCodes(shop: string, codes: readonly string[]): Plan<CodeRow[]> {
  if (codes.length === 0) return [];
  const rows = yield* query<FlatCodeRow>(FIND_CODES, shop, JSON.stringify(codes));
  return rows.map(
    ({ partnerId, allocationRevokedAt, hasAllocation, rules, bindingKey, ...code }) => ({
      ...code,
      id: Number(code.id),
      distributedAt: readDate(code.distributedAt),
      redeemedAt: readDate(code.redeemedAt),
      revokedAt: readDate(code.revokedAt),
      allocation: hasAllocation ? { partnerId, revokedAt: readDate(allocationRevokedAt) } : null,
      campaign: { rules: readJson(rules), bindingKey },
    }),
  );
}

/** The n-th bound parameter in the dialect's syntax (SQLite's numbered `?n`, PostgreSQL's `$n`). */
export function param(n: number, pgType?: string): string {
  if (databaseProvider === "sqlite") return `?${n}`;
  return pgType ? `$${n}::${pgType}` : `$${n}`;
}

/** A JSON array parameter as a set of text values, for `IN (…)`. */
export function jsonValues(n: number): string {
  return databaseProvider === "sqlite"
    ? `SELECT value FROM json_each(?${n})`
    : `SELECT value FROM json_array_elements_text($${n}::json)`;
}

/** An order's redemption as attribution compares it with a new event. */
export interface ExistingRedemption {
  id: string;
  orderId: string;
  code: string;
  state: RedemptionState;
  refunded: { toString(): string };
  refundedSales: { toString(): string };
}

const FIND_REDEMPTIONS = `SELECT "id", "orderId", "code", "state", "refunded", "refundedSales" FROM "Redemption"
WHERE "shop" = ${param(1)} AND "orderId" IN (${jsonValues(2)})`;

/** The redemptions of the shop's orders among `orderIds`. */
export function* findRedemptions(
  shop: string,
  orderIds: readonly string[],
): Plan<ExistingRedemption[]> {
  if (orderIds.length === 0) return [];
  return yield* query<ExistingRedemption>(FIND_REDEMPTIONS, shop, JSON.stringify(orderIds));
}

const UPDATE_REDEMPTION = `UPDATE "Redemption" SET "state" = ${param(1, '"RedemptionState"')},
  "refunded" = ${param(2, "decimal")}, "refundedSales" = ${param(3, "decimal")},
  "updatedAt" = ${param(4)} WHERE "id" = ${param(5)}`;

/** A redemption's new state and refunded shares (`updatedAt` as Prisma's @updatedAt sets it). */
export function* updateRedemption(
  id: string,
  state: RedemptionState,
  refunded: { refunded: string; refundedSales: string },
  now = new Date(),
): Plan<void> {
  yield* execute(UPDATE_REDEMPTION, state, refunded.refunded, refunded.refundedSales, now, id);
}

const SHOP_SETTINGS = `SELECT "settings" FROM "Shop" WHERE "domain" = ${param(1)}`;

/** The shop's settings, read as app/shops/shops.server.ts getShopSettings reads them. */
export function* findShopSettings(shop: string): Plan<ShopSettings> {
  const [row] = yield* query<{ settings: unknown }>(SHOP_SETTINGS, shop);
  return readSettings(readJson(row?.settings ?? null));
}

const ANOMALY = bulkInsert("Anomaly", [
  ["id", "text"],
  ["shop", "text"],
  ["campaignId", "text"],
  ["kind", `"AnomalyKind"`],
  ["status", `"AnomalyStatus"`],
  ["codeId", "integer"],
  ["allocationId", "text"],
  ["orderId", "text"],
  ["details", "jsonb"],
  ["createdAt", "timestamp(3)"],
]);

export interface AnomalyRow {
  shop: string;
  campaignId: string;
  kind: AnomalyKind;
  codeId: number | null;
  allocationId: string | null;
  orderId: string | null;
  details: Record<string, unknown>;
}

export function* insertAnomalies(rows: readonly AnomalyRow[], now = new Date()): Plan<void> {
  yield* ANOMALY(rows.map((row) => ({ id: randomUUID(), ...row, status: "open", createdAt: now })));
}
