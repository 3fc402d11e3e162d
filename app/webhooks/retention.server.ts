// How long a webhook event's record is kept for deduplication: six times Shopify's retry window,
// then pruned; an older delivery is acknowledged and not acted on (decision 010).
import db, { databaseProvider } from "../db.server";
import { databaseNow } from "../db/database-clock.server";
import { sqliteDate } from "../group-commit/sql-plan";
import { withWriteTurn } from "../group-commit/write-turn.server";

export const SHOPIFY_RETRY_WINDOW_MS = 4 * 3_600_000;
export const KEEP_EVENTS_MS = 6 * SHOPIFY_RETRY_WINDOW_MS;

/** True for a delivery triggered longer ago than its record would have been kept. */
export function tooOldToDedupe(triggeredAt: Date | null, now = new Date()): boolean {
  return triggeredAt !== null && triggeredAt.getTime() < now.getTime() - KEEP_EVENTS_MS;
}

// Short statements, so webhooks are answered in between.
const BATCH = 5_000;
const PRUNE = `DELETE FROM "WebhookEvent" WHERE "id" IN (SELECT "id" FROM "WebhookEvent"
  WHERE "receivedAt" < ${databaseProvider === "sqlite" ? "?1" : "$1"} LIMIT ${BATCH})`;

/** Deletes the records older than KEEP_EVENTS_MS by the database's clock; returns how many. */
export async function pruneWebhookEvents(): Promise<number> {
  const cutoff = new Date((await databaseNow()).getTime() - KEEP_EVENTS_MS);
  // Stored as Prisma stores dates on each database, so the comparison is of like with like.
  const before = databaseProvider === "sqlite" ? sqliteDate(cutoff) : cutoff;
  let total = 0;
  for (;;) {
    const count = await withWriteTurn(() => db.$executeRawUnsafe(PRUNE, before));
    total += count;
    if (count < BATCH) return total;
  }
}
