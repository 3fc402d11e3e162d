// Who goes first within this process on SQLite: webhook deliveries, which Shopify gives 5
// seconds, or bulk admin work (minting codes, issuing a customer list's codes), which can wait.
// SQLite runs one statement at a time on the event loop and has one write lock: a bulk writer
// going straight from one transaction or statement to the next left a delivery no gap, neither
// for the lock (the order lane retries on a timer, group-commit/sqlite-lane.server.ts) nor for
// the turns of the event loop it needs to be read, verified and answered (decision 012). So
// deliveries say when they are under way, and bulk work ends its transaction at the next batch and lets them
// finish before it goes on.

import { resolveDatabaseTarget } from "./database-url";

// PostgreSQL is answered on connections of a pool, off the event loop, and has no single write
// lock: bulk work there gets in no delivery's way, and slowing it would gain nothing.
const sharesOneWriter = resolveDatabaseTarget().provider === "sqlite";

const underWay = new Set<Promise<void>>();

// What bulk work waits for is the urgent work under way when it stopped, not what arrives while
// it waits (under a steady stream of deliveries there always is some), and that for this long
// at most.
const LONGEST_YIELD_MS = 2_000;

/** Marks urgent work (a delivery being answered) as under way; call the result when it is done. */
export function startUrgentWork(): () => void {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  underWay.add(done);
  return () => {
    underWay.delete(done);
    finish();
  };
}

/** Runs `work` as urgent work. */
export async function asUrgentWork<T>(work: () => Promise<T>): Promise<T> {
  const done = startUrgentWork();
  try {
    return await work();
  } finally {
    done();
  }
}

/** Whether urgent work is under way: bulk work should commit what it has and wait. */
export function urgentWorkUnderWay(): boolean {
  return sharesOneWriter && underWay.size > 0;
}

/** Resolves once the urgent work under way now is done (or after LONGEST_YIELD_MS). */
export async function afterUrgentWork(): Promise<void> {
  if (!sharesOneWriter || underWay.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(underWay),
    new Promise((resolve) => (timer = setTimeout(resolve, LONGEST_YIELD_MS))),
  ]);
  clearTimeout(timer);
}

// Writers of other processes (another server worker's order lane, `npm run worker`) cannot say
// they are waiting. The lane retries every 20 ms at most, so a pause longer than that between
// two bulk transactions lets it in.
const OTHER_WRITERS_GAP_MS = 25;

/** Before bulk work's next transaction or statement: deliveries here, then other processes. */
export async function beforeNextBulkWrite(): Promise<void> {
  if (!sharesOneWriter) return;
  await afterUrgentWork();
  await new Promise((resolve) => setTimeout(resolve, OTHER_WRITERS_GAP_MS));
}
