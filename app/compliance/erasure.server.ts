// shop/redact and customers/redact of any size: the webhook records an Erasure, carried out here
// a batch at a time, so an interrupted one is finished by the next run (decision 010).
import { setImmediate as turn } from "node:timers/promises";
import { MARKER_WRITTEN } from "../attribution/customer-marker.server";
import type { AuditAction } from "../audit.server";
import { withWriteTurn } from "../group-commit/write-turn.server";
import db, { databaseProvider, type Tx } from "../db.server";
import { customerRedemptionsWhere } from "./customer-data.server";
import type { CustomerRequest } from "./payload";

export const DATA_REQUEST_ACTION = "customer_data_request" satisfies AuditAction;

// Rows per statement: small enough that SQLite's write lock is held for tens of milliseconds, so
// webhooks of other shops are answered in between.
const BATCH = databaseProvider === "sqlite" ? 2_000 : 20_000;

/** shop/redact: the shop's tokens go now (in the webhook's transaction); its data in batches. */
export async function requestShopErasure(tx: Tx, shop: string): Promise<void> {
  await tx.session.deleteMany({ where: { shop } });
  await tx.erasure.create({ data: { shop, kind: "shop" } });
}

/** customers/redact: recorded with whom to erase; the work follows in batches. */
export async function requestCustomerErasure(
  tx: Tx,
  shop: string,
  who: CustomerRequest,
): Promise<void> {
  await tx.erasure.create({ data: { shop, kind: "customer", subject: { ...who } } });
}

// Child tables first, so no row outlives its parent; the shop's rows of each table by an index
// that starts with `shop` (PushChunk has none: a shop has few chunks per million codes).
// A table without a one-column key (the report rollups: sums by day, a few rows per day) goes in
// one statement.
const SHOP_TABLES: readonly [table: string, key: string | null, shopColumn: string][] = [
  ["ReportDay", null, "shop"],
  ["ReportRollup", null, "shop"],
  ["Anomaly", "id", "shop"],
  ["Redemption", "id", "shop"],
  ["Code", "id", "shop"],
  ["PushChunk", "id", "shop"],
  ["Allocation", "id", "shop"],
  ["Campaign", "id", "shop"],
  ["ApiKey", "id", "shop"],
  // The partner API's records; an event's delivery log goes with it (cascade).
  ["ApiClaim", "id", "shop"],
  ["PartnerEvent", "id", "shop"],
  ["PartnerWebhook", "partnerId", "shop"],
  ["Partner", "id", "shop"],
  ["AuditLog", "id", "shop"],
  ["Session", "id", "shop"],
  ["WebhookEvent", "id", "shop"],
  ["Shop", "domain", "domain"],
];

const p = (n: number) => (databaseProvider === "sqlite" ? `?${n}` : `$${n}`);

function deleteBatch(table: string, key: string | null, shopColumn: string): string {
  if (key === null) return `DELETE FROM "${table}" WHERE "${shopColumn}" = ${p(1)}`;
  // The shop's own shop/redact events stay, so a retry of the request is still a no-op.
  const keep = table === "WebhookEvent" ? ` AND "topic" <> 'shop/redact'` : "";
  return `DELETE FROM "${table}" WHERE "${key}" IN (SELECT "${key}" FROM "${table}"
    WHERE "${shopColumn}" = ${p(1)}${keep} LIMIT ${BATCH})`;
}

/** Erases the next batch of the shop's rows; false once nothing is left. */
async function shopStep(shop: string): Promise<boolean> {
  for (const [table, key, shopColumn] of SHOP_TABLES) {
    const count = await withWriteTurn(() =>
      db.$executeRawUnsafe(deleteBatch(table, key, shopColumn), shop),
    );
    if (count > 0) return true;
  }
  return false;
}

/**
 * Erases the next batch of the customer's personal data, keeping the anonymous totals: their
 * redemptions stay (amounts, code, campaign, partner, state) with no customer id or email, codes
 * bound to them forget whom, and log rows naming them go. False once nothing is left.
 */
async function customerStep(shop: string, who: CustomerRequest): Promise<boolean> {
  const redemptions = await db.redemption.findMany({
    where: {
      AND: [
        customerRedemptionsWhere(shop, who),
        { OR: [{ customerId: { not: null } }, { customerEmail: { not: null } }] },
      ],
    },
    select: { id: true },
    take: BATCH,
  });
  if (redemptions.length > 0) {
    await withWriteTurn(() =>
      db.redemption.updateMany({
        where: { shop, id: { in: redemptions.map((r) => r.id) } },
        data: { customerId: null, customerEmail: null },
      }),
    );
    return true;
  }
  if (!who.customerId) return false;
  const codes = await db.code.findMany({
    where: { shop, boundCustomerId: who.customerId },
    select: { id: true },
    take: BATCH,
  });
  if (codes.length > 0) {
    await withWriteTurn(() =>
      db.code.updateMany({
        where: { shop, id: { in: codes.map((c) => c.id) } },
        data: { boundCustomerId: null },
      }),
    );
    return true;
  }
  const { count } = await withWriteTurn(() =>
    db.auditLog.deleteMany({
      where: {
        shop,
        OR: [
          { action: MARKER_WRITTEN, subjectId: { startsWith: `${who.customerId}:` } },
          { action: DATA_REQUEST_ACTION, subjectId: who.customerId! },
        ],
      },
    }),
  );
  return count > 0;
}

function subjectOf(value: unknown): CustomerRequest {
  const v = (value ?? {}) as Partial<CustomerRequest>;
  return {
    customerId: v.customerId ?? null,
    email: v.email ?? null,
    orderIds: Array.isArray(v.orderIds) ? v.orderIds : [],
    dataRequestId: v.dataRequestId ?? null,
  };
}

/** Carries out every unfinished erasure, oldest first, to the end. */
async function drain(): Promise<void> {
  for (;;) {
    const next = await db.erasure.findFirst({
      where: { finishedAt: null },
      orderBy: { requestedAt: "asc" },
    });
    if (!next) return;
    const step =
      next.kind === "shop"
        ? () => shopStep(next.shop)
        : () => customerStep(next.shop, subjectOf(next.subject));
    while (await step()) {
      // Stopping leaves the rest for the next run, which picks the erasure up where it is.
      if (stopping) return;
      await turn();
    }
    // The request named the customer; once done, the record keeps only that it was done.
    await db.$executeRawUnsafe(
      `UPDATE "Erasure" SET "subject" = NULL WHERE "id" = ${p(1)}`,
      next.id,
    );
    await db.erasure.update({ where: { id: next.id }, data: { finishedAt: new Date() } });
  }
}

let running: Promise<void> | null = null;
let stopping = false;

/** Starts carrying out pending erasures in this process, unless it already is; never throws. */
export function runErasures(): Promise<void> {
  stopping = false;
  running ??= drain()
    .catch((error) =>
      console.error("OneCode: erasure interrupted (the next run resumes it):", error),
    )
    .finally(() => (running = null));
  return running;
}

/** Resolves once this process has no erasure in progress (tests, shutdown). */
export async function erasuresSettled(): Promise<void> {
  while (running) await running;
}

/** Stops after the batch in hand (shutdown); what is left stays recorded for the next run. */
export async function stopErasures(): Promise<void> {
  stopping = true;
  await erasuresSettled();
}
