// One process's background work: the push worker (DESIGN decision 6), taking over minting a
// crashed process left unfinished, and the attribution jobs (reconciliation of missed webhooks,
// customer-marker retries). Run by `npm run worker` in production and inside the app for the demo.
import { startPushWorker, stopPushWorker } from "./push/worker.server";
import { resumeStaleMinting } from "./campaigns/create-campaign.server";
import { startAttributionJobs } from "./reconcile/schedule.server";

const MINTING_CHECK_MS = 60_000;
let mintingTimer: NodeJS.Timeout | undefined;

export function startBackgroundWork(): void {
  if (mintingTimer) return;
  startPushWorker();
  startAttributionJobs();
  const resume = () =>
    resumeStaleMinting().catch((error) =>
      console.error("OneCode: resuming minting failed:", error),
    );
  void resume();
  mintingTimer = setInterval(resume, MINTING_CHECK_MS);
  mintingTimer.unref();
}

export async function stopBackgroundWork(): Promise<void> {
  clearInterval(mintingTimer);
  mintingTimer = undefined;
  await stopPushWorker();
}
