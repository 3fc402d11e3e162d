// The reports' daily rollup (ReportDay): the days whose redemptions changed since the last refresh
// are summed again whole, so refreshes are idempotent (decision 020).
import { Mutex } from "async-mutex";
import { param } from "../group-commit/batch-sql.server";
import { sqliteDate } from "../group-commit/sql-plan";
import db, { databaseProvider } from "../db.server";
import { DISCOUNT_COST_SQL, LEAKED_SQL, NET_SALES_SQL, NOT_SALES_STATE } from "./definitions";
import { dayStart, daysBetween, localDay, nextDay } from "./local-days";

// A redemption's updatedAt is stamped before its transaction commits; looking back this far
// catches a write that committed after an earlier refresh had already passed its stamp. Webhook
// transactions are short (Shopify gives up on an answer after 5 s), so a few seconds suffice.
const OVERLAP_MS = 5_000;

const dbDate = (date: Date) => (databaseProvider === "sqlite" ? sqliteDate(date) : date);

const live = `r."state" <> '${NOT_SALES_STATE}'`;
const REBUILD_DAY = `INSERT INTO "ReportDay" ("shop", "day", "campaignId", "allocationId", "partnerId",
  "currency", "orders", "cancelled", "refunded", "leaked", "subtotal", "discount", "netSales")
SELECT r."shop", ${param(2, "text")}, r."campaignId", COALESCE(r."allocationId", ''),
  COALESCE(r."partnerId", ''), r."currency",
  SUM(CASE WHEN ${live} THEN 1 ELSE 0 END),
  SUM(CASE WHEN ${live} THEN 0 ELSE 1 END),
  SUM(CASE WHEN r."state" IN ('refunded', 'partially_refunded') THEN 1 ELSE 0 END),
  SUM(CASE WHEN ${LEAKED_SQL} THEN 1 ELSE 0 END),
  SUM(CASE WHEN ${live} THEN r."subtotal" ELSE 0 END),
  SUM(CASE WHEN ${live} THEN ${DISCOUNT_COST_SQL} ELSE 0 END),
  SUM(CASE WHEN ${live} THEN ${NET_SALES_SQL} ELSE 0 END)
FROM "Redemption" r LEFT JOIN "Code" c ON c."id" = r."codeId"
WHERE r."shop" = ${param(1)} AND r."orderedAt" >= ${param(3)} AND r."orderedAt" < ${param(4)}
GROUP BY r."shop", r."campaignId", COALESCE(r."allocationId", ''), COALESCE(r."partnerId", ''),
  r."currency"
ON CONFLICT ("shop", "day", "campaignId", "allocationId", "partnerId", "currency") DO UPDATE SET
  "orders" = excluded."orders", "cancelled" = excluded."cancelled",
  "refunded" = excluded."refunded", "leaked" = excluded."leaked",
  "subtotal" = excluded."subtotal", "discount" = excluded."discount",
  "netSales" = excluded."netSales"`;

const locks = new Map<string, Mutex>();

/**
 * Brings the shop's rollup up to date in its time zone (a change of zone cuts every day anew).
 * Returns the number of days summed again: zero on a page view after nothing changed.
 */
export async function refreshRollup(
  shop: string,
  timeZone: string,
  now = new Date(),
): Promise<number> {
  let lock = locks.get(shop);
  if (!lock) locks.set(shop, (lock = new Mutex()));
  return lock.runExclusive(async () => {
    const state = await db.reportRollup.findUnique({ where: { shop } });
    const fresh = !state || state.timeZone !== timeZone;
    const days = fresh
      ? await allDays(shop, timeZone)
      : await changedDays(shop, timeZone, new Date(state.syncedTo.getTime() - OVERLAP_MS));
    if (fresh) await db.reportDay.deleteMany({ where: { shop } });
    for (const day of days) await rebuildDay(shop, day, timeZone);
    if (fresh || days.length > 0) {
      await db.reportRollup.upsert({
        where: { shop },
        create: { shop, timeZone, syncedTo: now },
        update: { timeZone, syncedTo: now },
      });
    }
    return days.length;
  });
}

async function allDays(shop: string, timeZone: string): Promise<string[]> {
  const span = await db.redemption.aggregate({
    where: { shop },
    _min: { orderedAt: true },
    _max: { orderedAt: true },
  });
  const { orderedAt: first } = span._min;
  const { orderedAt: last } = span._max;
  if (!first || !last) return [];
  return daysBetween(localDay(first, timeZone), localDay(last, timeZone));
}

async function changedDays(shop: string, timeZone: string, since: Date): Promise<string[]> {
  const rows = await db.redemption.findMany({
    where: { shop, updatedAt: { gte: since } },
    select: { orderedAt: true },
  });
  return [...new Set(rows.map((r) => localDay(r.orderedAt, timeZone)))].sort();
}

async function rebuildDay(shop: string, day: string, timeZone: string): Promise<void> {
  const start = dayStart(day, timeZone);
  const end = dayStart(nextDay(day), timeZone);
  await db.$transaction([
    db.reportDay.deleteMany({ where: { shop, day } }),
    db.$executeRawUnsafe(REBUILD_DAY, shop, day, dbDate(start), dbDate(end)),
  ]);
}

/** The first day the shop's rollup has orders for (the start of "All time"). */
export async function firstReportDay(shop: string): Promise<string | null> {
  const row = await db.reportDay.findFirst({
    where: { shop },
    orderBy: { day: "asc" },
    select: { day: true },
  });
  return row?.day ?? null;
}
