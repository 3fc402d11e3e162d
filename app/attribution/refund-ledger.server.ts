// An order's refunds as a set keyed by refund id, whichever source told us, so a refund seen twice
// counts once; kept as "order_refund" audit rows without personal data (decision 011).
import { databaseProvider, type Tx } from "../db.server";
import { insertAuditLogs, jsonValues, param } from "../group-commit/batch-sql.server";
import type { RefundFact } from "../webhooks/refund-payload";
import { query, type Plan } from "../group-commit/sql-plan";

const ACTION = "order_refund";

const detail = (key: string) =>
  databaseProvider === "sqlite" ? `json_extract("details", '$.${key}')` : `"details"->>'${key}'`;

const KNOWN_REFUNDS = `SELECT "subjectId", ${detail("refundId")} AS "refundId", ${detail("amount")} AS "amount",
  ${detail("sales")} AS "sales"
FROM "AuditLog" WHERE "shop" = ${param(1)} AND "subjectType" = 'Order' AND "action" = '${ACTION}'
  AND "subjectId" IN (${jsonValues(2)})`;

/** An order's refunds summed: the money returned, and the part of it that returned sales. */
export interface Refunded {
  amount: bigint;
  sales: bigint;
}

/**
 * Adds the refunds not yet known, for many orders at once; returns each order's refunded totals
 * afterwards (orders given with no refunds are only read).
 */
export function* recordRefunds(
  shop: string,
  facts: Map<string, RefundFact[]>,
): Plan<Map<string, Refunded>> {
  const orderIds = [...facts.keys()];
  const known = new Map<string, Map<string, Refunded>>(orderIds.map((id) => [id, new Map()]));
  if (orderIds.length === 0) return new Map();
  const rows = yield* query<{
    subjectId: string;
    refundId: unknown;
    amount: unknown;
    sales: unknown;
  }>(KNOWN_REFUNDS, shop, JSON.stringify(orderIds));
  for (const row of rows) {
    if (typeof row.refundId === "string" && typeof row.amount === "string") {
      const amount = BigInt(row.amount);
      // Rows written before refunds were split count whole against sales, as they did.
      const sales = typeof row.sales === "string" ? BigInt(row.sales) : amount;
      known.get(row.subjectId)?.set(row.refundId, { amount, sales });
    }
  }
  const fresh: { orderId: string; fact: RefundFact }[] = [];
  for (const [orderId, list] of facts) {
    const refunds = known.get(orderId)!;
    for (const fact of list) {
      if (refunds.has(fact.refundId)) continue;
      refunds.set(fact.refundId, { amount: fact.amount, sales: fact.sales });
      fresh.push({ orderId, fact });
    }
  }
  if (fresh.length > 0) {
    yield* insertAuditLogs(
      fresh.map(({ orderId, fact }) => ({
        shop,
        actor: "shopify",
        action: ACTION,
        subjectType: "Order",
        subjectId: orderId,
        // Units of money.ts as a decimal string: exact, and JSON has no bigint.
        details: {
          refundId: fact.refundId,
          amount: fact.amount.toString(),
          sales: fact.sales.toString(),
        },
      })),
    );
  }
  const totals = new Map<string, Refunded>();
  for (const [orderId, refunds] of known) {
    const total = { amount: 0n, sales: 0n };
    for (const refund of refunds.values()) {
      total.amount += refund.amount;
      total.sales += refund.sales;
    }
    totals.set(orderId, total);
  }
  return totals;
}

/**
 * Refunds of orders that never turned out to be ours: kept only while their order could still
 * arrive (Shopify retries a webhook for 4 hours, reconciliation looks back 6), then dropped.
 */
export async function pruneForeignRefunds(
  db: Pick<Tx, "auditLog" | "redemption">,
  shop: string,
  before: Date,
) {
  const rows = await db.auditLog.findMany({
    where: { shop, action: ACTION, subjectType: "Order", createdAt: { lt: before } },
    select: { id: true, subjectId: true },
  });
  if (rows.length === 0) return 0;
  const ours = await db.redemption.findMany({
    where: { shop, orderId: { in: [...new Set(rows.map((r) => r.subjectId))] } },
    select: { orderId: true },
  });
  const keep = new Set(ours.map((r) => r.orderId));
  const drop = rows.filter((r) => !keep.has(r.subjectId)).map((r) => r.id);
  if (drop.length > 0) await db.auditLog.deleteMany({ where: { shop, id: { in: drop } } });
  return drop.length;
}
