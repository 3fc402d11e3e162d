// One webhook transaction at a time across the production server's worker processes
// (app/server/main.ts). SQLite takes one writer at a time anyway; left to itself, a worker that
// finds the write lock held sleeps inside SQLite's busy handler, which blocks that worker's whole
// event loop (no request is read, no HMAC checked) for up to tens of milliseconds. On PostgreSQL,
// two workers' serializable batches touch the same index ranges and mostly abort each other, so
// their retries run out under load. Asking the primary process for the turn instead is a message round trip, and the
// worker keeps serving while it waits. Outside a cluster worker there is nothing to ask.
import cluster from "node:cluster";
import { WRITE_TURN, type WriteTurnMessage } from "./write-turn-protocol";

const granted: (() => void)[] = [];
let listening = false;

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
