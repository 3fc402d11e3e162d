// The attribution jobs (reconciliation, owed customer markers, foreign refunds, erasures, event
// pruning), started by app/background.server.ts; idempotent, so two processes only repeat work.
import db from "../db.server";
import { runErasures, stopErasures } from "../compliance/erasure.server";
import { writePendingMarkers } from "../attribution/customer-marker.server";
import { pruneForeignRefunds } from "../attribution/refund-ledger.server";
import { pruneWebhookEvents } from "../webhooks/retention.server";
import { reconcileShop } from "./reconcile.server";

// Shopify stops retrying a webhook 4 hours after the event: look back further than that.
export const LOOKBACK_MS = 6 * 3_600_000;
export const EVERY_MS = 15 * 60_000;

let timer: NodeJS.Timeout | null = null;
/** The scheduled run in progress, so stopping can wait for it. */
let running: Promise<void> | null = null;
let stopping = false;

export async function runAttributionJobs(now = new Date()): Promise<void> {
  // Compliance erasures a stopped or crashed process left unfinished.
  await runErasures();
  try {
    await pruneWebhookEvents();
  } catch (error) {
    console.error("OneCode: pruning webhook events failed (next run retries):", error);
  }
  const shops = await db.shop.findMany({ where: { state: "installed" }, select: { domain: true } });
  for (const { domain } of shops) {
    // A stop waits for the shop in hand only; the next run (of any process) covers the rest.
    if (stopping) return;
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
  stopping = false;
  void runErasures();
  timer = setInterval(() => {
    // A run still going when the next is due (many shops): let it finish rather than overlap.
    if (running) return;
    running = runAttributionJobs()
      .catch((error) => console.error("OneCode: attribution jobs failed:", error))
      .finally(() => (running = null));
  }, everyMs);
  timer.unref();
}

/** Stops the schedule and waits for a run in progress to finish its current shop. */
export async function stopAttributionJobs(): Promise<void> {
  if (timer) clearInterval(timer);
  timer = null;
  stopping = true;
  await Promise.all([running, stopErasures()]);
  stopping = false;
}
