// The one starter of background work. Called once per process: by `npm run worker`
// (push/worker-main.ts) and by the production server's first process (server/main.ts).
import { startPushWorker, stopPushWorker, type PushWorker } from "./push/worker.server";
import { resumeStaleMinting } from "./campaigns/campaigns.server";
import { startAttributionJobs, stopAttributionJobs } from "./reconcile/schedule.server";
import { startPartnerOutbox, stopPartnerOutbox } from "./partner-api/outbox.server";

/**
 * "all": the push worker, the minting takeover, the attribution jobs and the partner outbox (the
 * worker process, or the server when ONECODE_IN_APP_WORKER=1 as in the demo). "attribution-jobs":
 * only those, so missed orders are reconciled even without `npm run worker`.
 */
export type BackgroundWork = "all" | "attribution-jobs";

const MINTING_CHECK_MS = 60_000;
let mintingTimer: NodeJS.Timeout | undefined;
/** The minting takeover in progress, so stopping can wait for it. */
let resuming: Promise<void> | null = null;

/** Starts this process's background work once; returns its push worker when it runs one. */
export function startBackgroundWork(work: "all"): PushWorker;
export function startBackgroundWork(work: BackgroundWork): PushWorker | null;
export function startBackgroundWork(work: BackgroundWork): PushWorker | null {
  startAttributionJobs();
  if (work === "attribution-jobs") return null;
  const worker = startPushWorker();
  if (mintingTimer) return worker;
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
 * chunks back; a takeover or attribution run in progress is waited for.
 */
export async function stopBackgroundWork(): Promise<void> {
  clearInterval(mintingTimer);
  mintingTimer = undefined;
  await Promise.all([stopPushWorker(), stopAttributionJobs(), stopPartnerOutbox(), resuming]);
}
