// The order-webhook batch's statements in raw SQL, one per table per batch. Measured on the
// 2-core bench machine, Prisma's createMany spends about 0.15 ms per row building and compiling
// its query (createManyAndReturn about 0.3 ms), several times what the database needs, and a raw
// statement with one bound parameter per value still pays microseconds per parameter. So a
// batch's rows travel as one JSON document, expanded by the database itself (SQLite json_each,
// PostgreSQL json_to_recordset), as code minting does (app/codes/mint.server.ts). Every statement
// runs on the caller's transaction client, so it commits or rolls back with the batch's other
// effects (docs/decisions/004-webhook-serving.md). Row ids are random UUIDs (Prisma's cuid()
// default only applies to its own inserts).
import { randomUUID } from "node:crypto";
import { databaseProvider } from "../db.server";
import type { CodeStatus } from "../generated/prisma/sqlite/enums";
import type { Tx } from "./record-once.server";

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

// Dates as Prisma's SQLite adapter writes them (ISO with "+00:00"), so Prisma reads and compares
// them like its own. The replacer sees a Date already turned into a string by its toJSON, so it
// looks at the holder's original value.
function dateReplacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (!(raw instanceof Date)) return value;
  const iso = raw.toISOString();
  return databaseProvider === "sqlite" ? iso.replace("Z", "+00:00") : iso;
}

function bulkInsert(table: string, columns: readonly Column[]) {
  const sql = insertStatement(table, columns);
  return async (tx: Tx, rows: readonly Record<string, Value>[]): Promise<void> => {
    if (rows.length === 0) return;
    await tx.$executeRawUnsafe(sql, JSON.stringify(rows, dateReplacer));
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
 * Records the events whose ids are new and returns those ids: the others were handled before
 * (DESIGN decision 7). Being a write, it is also the batch's first statement on purpose: on
 * SQLite it takes the write lock at once, waiting (busy_timeout) while another process holds it,
 * where a read first would fail on upgrading a snapshot that process's commit made stale.
 */
export async function claimWebhookEvents(
  tx: Tx,
  rows: readonly WebhookEventRow[],
  now = new Date(),
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const json = JSON.stringify(
    rows.map((row) => ({ id: randomUUID(), ...row, receivedAt: now })),
    dateReplacer,
  );
  const claimed = await tx.$queryRawUnsafe<{ eventId: string }[]>(CLAIM_EVENTS, json);
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
  state: string;
  orderedAt: Date;
}

/** Inserts the redemptions; returns their new ids, in the order given. */
export async function insertRedemptions(
  tx: Tx,
  rows: readonly RedemptionRow[],
  now = new Date(),
): Promise<string[]> {
  const withIds = rows.map((row) => ({
    id: randomUUID(),
    ...row,
    createdAt: now,
    updatedAt: now,
  }));
  await REDEMPTION(tx, withIds);
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

export async function insertAuditLogs(
  tx: Tx,
  rows: readonly AuditLogRow[],
  now = new Date(),
): Promise<void> {
  await AUDIT_LOG(
    tx,
    rows.map((row) => ({ id: randomUUID(), ...row, createdAt: now })),
  );
}

/** Marks codes redeemed (a burst's orders often share their time: one statement per time). */
export async function markRedeemed(
  tx: Tx,
  shop: string,
  ids: readonly number[],
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await tx.$executeRawUnsafe(MARK_REDEEMED, at, shop, JSON.stringify(ids));
}

// The codes are found by primary key. SQLite's planner, without statistics, would rather take
// the (shop, code) index for `shop = ?` and scan every code of the shop; the unary `+` keeps the
// shop check (DESIGN decision 8) off the index choice.
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
  campaign: { rules: unknown };
}

type FlatCodeRow = Omit<CodeRow, "allocation" | "campaign"> & {
  partnerId: string | null;
  allocationRevokedAt: Date | null;
  hasAllocation: number | boolean | null;
  rules: unknown;
};

// The column's case-insensitive collation (prisma/case-insensitive-columns.ts) applies to the IN,
// as to Prisma's own `in` filter.
const FIND_CODES = `SELECT c."id", c."code", c."status", c."campaignId", c."allocationId",
  c."boundCustomerId", c."distributedAt", c."redeemedAt", c."revokedAt",
  a."partnerId", a."revokedAt" AS "allocationRevokedAt", a."id" IS NOT NULL AS "hasAllocation",
  k."rules"
FROM "Code" c
JOIN "Campaign" k ON k."id" = c."campaignId"
LEFT JOIN "Allocation" a ON a."id" = c."allocationId"
WHERE c."shop" = ${databaseProvider === "sqlite" ? "?" : "$1"} AND c."code" IN (${
  databaseProvider === "sqlite"
    ? "SELECT value FROM json_each(?)"
    : "SELECT value FROM json_array_elements_text($2::json)"
})`;

/** The shop's codes among `codes` (one read with their allocation and campaign). */
export async function findCodes(
  tx: Tx,
  shop: string,
  codes: readonly string[],
): Promise<CodeRow[]> {
  if (codes.length === 0) return [];
  const rows = await tx.$queryRawUnsafe<FlatCodeRow[]>(FIND_CODES, shop, JSON.stringify(codes));
  return rows.map(({ partnerId, allocationRevokedAt, hasAllocation, rules, ...code }) => ({
    ...code,
    id: Number(code.id),
    allocation: hasAllocation ? { partnerId, revokedAt: allocationRevokedAt } : null,
    campaign: { rules },
  }));
}
