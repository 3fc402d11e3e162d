// The primary's side of app/attribution/write-turn.server.ts: grants the webhook write turn to one
// worker at a time, in the order asked; a worker that exits gives its turn back.
import cluster, { type Worker } from "node:cluster";
import { WRITE_TURN, type WriteTurnMessage } from "../attribution/write-turn-protocol";

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
  cluster.on("exit", (worker) => {
    for (let i = queue.indexOf(worker); i >= 0; i = queue.indexOf(worker)) queue.splice(i, 1);
    if (holder === worker) {
      holder = null;
      next();
    }
  });
}
