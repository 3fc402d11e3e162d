// One process's background work: the push worker (decision 029), taking over minting a
// crashed process left unfinished, the attribution jobs (reconciliation of missed webhooks,
// customer-marker retries) and the partner webhook outbox. Run by `npm run worker`
// (app/push/worker-main.ts) in production and inside the app for the demo.
import { startPushWorker, stopPushWorker, type PushWorker } from "./push/worker.server";
import { resumeStaleMinting } from "./campaigns/campaigns.server";
import { startAttributionJobs, stopAttributionJobs } from "./reconcile/schedule.server";
import { startPartnerOutbox, stopPartnerOutbox } from "./partner-api/outbox.server";

const MINTING_CHECK_MS = 60_000;
let mintingTimer: NodeJS.Timeout | undefined;
/** The minting takeover in progress, so stopping can wait for it. */
let resuming: Promise<void> | null = null;

/** Starts this process's background work once; returns its push worker. */
export function startBackgroundWork(): PushWorker {
  const worker = startPushWorker();
  if (mintingTimer) return worker;
  startAttributionJobs();
  startPartnerOutbox();
  const resume = () => {
    if (resuming) return;
    resuming = resumeStaleMinting()
      .then(() => undefined)
      .catch((error) => console.error("OneCode: resuming minting failed:", error))
      .finally(() => (resuming = null));
  };
  resume();
  mintingTimer = setInterval(resume, MINTING_CHECK_MS);
  mintingTimer.unref();
  return worker;
}

/**
 * Stops it all: no new minting takeover or attribution run starts; the push worker gives its
 * chunks back; a minting takeover or attribution run in progress is waited for (minting is
 * resumable anyway, and a stopping attribution run ends after its current shop).
 */
export async function stopBackgroundWork(): Promise<void> {
  clearInterval(mintingTimer);
  mintingTimer = undefined;
  await Promise.all([stopPushWorker(), stopAttributionJobs(), stopPartnerOutbox(), resuming]);
}
