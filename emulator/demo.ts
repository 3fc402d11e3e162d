// `npm run demo`: OneCode against the local Shopify emulator, on SQLite, with nothing else to
// install: builds the app, migrates the database, starts the emulator and the app, and prints the
// one URL to open (the emulator's Shopify admin with OneCode embedded).
import { randomUUID } from "node:crypto";
import { resolveDatabaseTarget } from "../app/db/database-url.js";
import { applyMigrations } from "../prisma/apply-migrations.js";
import {
  DEMO_API_KEY,
  DEMO_API_SECRET,
  buildApp,
  startApp,
  type RunningApp,
} from "./app-process.js";
import { loadAppRegistration } from "./store/app-config.js";
import { DEMO_SHOP } from "./store/seed.js";
import { startEmulator } from "./server.js";

const appPort = Number(process.env.PORT ?? 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 8787);
const appUrl = `http://localhost:${appPort}`;

console.log("· Building the app (remix build)…");
const buildStamp = randomUUID();
buildApp(buildStamp);

// The demo always runs on the embedded SQLite database, whatever DATABASE_URL says.
const database = resolveDatabaseTarget("");
const migrated = await applyMigrations(database);
console.log(`· Database ready (${migrated.applied.length} new migration(s)).`);

const registration = loadAppRegistration({
  env: {
    SHOPIFY_API_KEY: DEMO_API_KEY,
    SHOPIFY_API_SECRET: DEMO_API_SECRET,
    SHOPIFY_APP_URL: appUrl,
  },
});
const emulator = await startEmulator({ port: emulatorPort, state: { apps: [registration] } });
console.log(`· Shopify emulator at ${emulator.url}`);

let app: RunningApp | undefined;
async function stop(code: number): Promise<never> {
  await app?.stop();
  await emulator.close();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stop(0));

try {
  app = await startApp({
    port: appPort,
    emulatorUrl: `http://localhost:${emulatorPort}`,
    databaseUrl: "",
    // Partner webhooks may go to a receiver on this machine (http://127.0.0.1) in the demo.
    env: { ONECODE_IN_APP_WORKER: "1", ONECODE_ALLOW_HTTP_PARTNER_WEBHOOKS: "1" },
    inheritOutput: true,
    buildStamp,
  });
} catch (error) {
  console.error((error as Error).message);
  await stop(1);
}
void app?.exited.then((code) => {
  console.error(`The app stopped (exit code ${code}).`);
  return stop(1);
});
console.log(
  `\nOneCode is running. Open:\n\n  ${emulator.url}/store/${DEMO_SHOP}/apps/${DEMO_API_KEY}\n`,
);
console.log("(Ctrl-C stops the demo.)");
