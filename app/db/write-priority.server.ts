// On SQLite, webhook deliveries go before bulk admin work of this process: deliveries say when
// they are under way, and bulk work commits and lets them finish first (decision 012).
import { resolveDatabaseTarget } from "./database-url";

// PostgreSQL has a pool and no single write lock: bulk work there is in no delivery's way.
const sharesOneWriter = resolveDatabaseTarget().provider === "sqlite";

const underWay = new Set<Promise<void>>();

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

/** Resolves once the urgent work under way now (not later arrivals) is done, or after 2 s. */
export async function afterUrgentWork(): Promise<void> {
  if (!sharesOneWriter || underWay.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(underWay),
    new Promise((resolve) => (timer = setTimeout(resolve, LONGEST_YIELD_MS))),
  ]);
  clearTimeout(timer);
}

// Longer than the SQLite lane's longest retry pause, so another process's lane gets in.
const OTHER_WRITERS_GAP_MS = 25;

/** Before bulk work's next transaction or statement: deliveries here, then other processes. */
export async function beforeNextBulkWrite(): Promise<void> {
  if (!sharesOneWriter) return;
  await afterUrgentWork();
  await new Promise((resolve) => setTimeout(resolve, OTHER_WRITERS_GAP_MS));
}
