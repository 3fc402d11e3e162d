// The periodic jobs of attribution, per installed shop: reconcile recent orders, write the
// customer markers still owed, and forget refunds of orders that were never ours. One process runs them (the app server); they are idempotent, so
// two overlapping runs only repeat work.
import db from "../db.server";
import { writePendingMarkers } from "../attribution/customer-marker.server";
import { pruneForeignRefunds } from "../attribution/refund-ledger.server";
import { reconcileShop } from "./reconcile.server";

// Shopify stops retrying a webhook 4 hours after the event: look back further than that.
export const LOOKBACK_MS = 6 * 3_600_000;
export const EVERY_MS = 15 * 60_000;

let timer: NodeJS.Timeout | null = null;

export async function runAttributionJobs(now = new Date()): Promise<void> {
  const shops = await db.shop.findMany({ where: { state: "installed" }, select: { domain: true } });
  for (const { domain } of shops) {
    try {
      await reconcileShop(domain, new Date(now.getTime() - LOOKBACK_MS));
      await writePendingMarkers(domain);
      await pruneForeignRefunds(db, domain, new Date(now.getTime() - 2 * LOOKBACK_MS));
    } catch (error) {
      console.error(`OneCode: attribution jobs for ${domain} failed (next run retries):`, error);
    }
  }
}

/** Starts the schedule once per process; the timer never keeps the process alive. */
export function startAttributionJobs(everyMs = EVERY_MS): void {
  if (timer) return;
  timer = setInterval(() => void runAttributionJobs(), everyMs);
  timer.unref();
}
