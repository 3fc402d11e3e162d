// `npm run worker`: all background work (app/background.server.ts) as its own process; several may
// run against one database. SIGTERM or SIGINT gives chunks in hand back before it exits.
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

const worker = startBackgroundWork("all");
console.log(`OneCode push worker ${worker.owner} started`);
