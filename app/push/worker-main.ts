// `npm run worker`: the process's whole background work as its own process (production): the
// push worker, taking over minting a crashed process left unfinished, and the attribution jobs
// (app/background.server.ts). Several may run at once, on one machine or many, against the same
// database. SIGTERM or SIGINT stops it gracefully: chunks in hand are given back, and anything cut
// short is picked up by the next worker.
import "../shopify.server";
import db from "../db.server";
import { startBackgroundWork, stopBackgroundWork } from "../background.server";

// Before anything else: until a listener exists, SIGTERM kills the process outright.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    void stopBackgroundWork()
      .then(() => db.$disconnect())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error("OneCode: stopping the background work failed:", error);
          process.exit(1);
        },
      );
  });
}

const worker = startBackgroundWork();
console.log(`OneCode push worker ${worker.owner} started`);
