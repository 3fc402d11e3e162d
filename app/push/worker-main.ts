// `npm run worker`: the push worker as its own process (production). Several may run at once,
// on one machine or many, against the same database. SIGTERM or SIGINT stops it gracefully:
// chunks in hand are given back, and anything cut short is picked up by the next worker.
import "../shopify.server";
import db from "../db.server";
import { startPushWorker, stopPushWorker } from "./worker.server";

// Before anything else: until a listener exists, SIGTERM kills the process outright.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    void stopPushWorker()
      .then(() => db.$disconnect())
      .then(() => process.exit(0));
  });
}

const worker = startPushWorker();
console.log(`OneCode push worker ${worker.owner} started`);
