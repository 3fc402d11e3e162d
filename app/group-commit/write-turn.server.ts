// One webhook transaction at a time across the production server's worker processes: a worker
// asks the primary for the turn and keeps serving while it waits (decision 004).
import cluster, { type Worker } from "node:cluster";

const WRITE_TURN = {
  request: "onecode:write-turn:request",
  grant: "onecode:write-turn:grant",
  done: "onecode:write-turn:done",
} as const;

interface WriteTurnMessage {
  type: (typeof WRITE_TURN)[keyof typeof WRITE_TURN];
}

const granted: (() => void)[] = [];
let listening = false;

/** Runs `work` holding the turn; outside a cluster worker there is nothing to ask. */
export async function withWriteTurn<T>(work: () => Promise<T>): Promise<T> {
  const send = process.send?.bind(process);
  if (!cluster.isWorker || !send) return work();
  if (!listening) {
    listening = true;
    process.on("message", (message: WriteTurnMessage) => {
      if (message?.type === WRITE_TURN.grant) granted.shift()?.();
    });
  }
  await new Promise<void>((resolve) => {
    granted.push(resolve);
    send({ type: WRITE_TURN.request } satisfies WriteTurnMessage);
  });
  try {
    return await work();
  } finally {
    send({ type: WRITE_TURN.done } satisfies WriteTurnMessage);
  }
}

/** The primary's side: grants the turn to one worker at a time, in the order asked. */
export function grantWriteTurns(): void {
  const queue: Worker[] = [];
  let holder: Worker | null = null;
  const next = () => {
    if (holder) return;
    holder = queue.shift() ?? null;
    holder?.send({ type: WRITE_TURN.grant } satisfies WriteTurnMessage);
  };
  cluster.on("message", (worker, message: WriteTurnMessage) => {
    if (message?.type === WRITE_TURN.request) {
      queue.push(worker);
      next();
    } else if (message?.type === WRITE_TURN.done && holder === worker) {
      holder = null;
      next();
    }
  });
  // A worker that exits gives its turn back.
  cluster.on("exit", (worker) => {
    for (let i = queue.indexOf(worker); i >= 0; i = queue.indexOf(worker)) queue.splice(i, 1);
    if (holder === worker) {
      holder = null;
      next();
    }
  });
}
