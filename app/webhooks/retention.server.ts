// How long a webhook event's record is kept. It exists for deduplication (record-once.server.ts),
// and Shopify repeats an event for at most 4 hours: "retried a total of 8 times over 4 hours"
// (shopify.dev/changelog/updates-to-webhook-retry-mechanism). Records are kept six times that,
// then pruned, so the table holds a day of deliveries instead of every delivery ever. A delivery
// triggered before that (which Shopify does not send) could no longer be recognised as a repeat,
// so it is acknowledged and not acted on.
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
