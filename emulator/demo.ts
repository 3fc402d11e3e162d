// `npm run demo`: OneCode against the local Shopify emulator, on SQLite, with nothing else to
// install: builds the app, migrates the database, starts the emulator and the app, and prints the
// one URL to open (the emulator's Shopify admin with OneCode embedded).
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { resolveDatabaseTarget } from "../app/db/database-url";
import { applyMigrations } from "../prisma/apply-migrations";
import { DEMO_API_KEY, DEMO_API_SECRET, buildApp, startApp, type RunningApp } from "./app-process";
import { loadAppRegistration } from "./store/app-config";
import { DEMO_SHOP } from "./store/seed";
import { startEmulator } from "./server";
import { demoPortProblems, takenSentence, type DemoPort } from "./demo-ports";
import { demoDataBeside, reconcileDemoData } from "./demo-data";

const appPort = Number(process.env.PORT ?? 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 8787);
const appUrl = `http://localhost:${appPort}`;
const ports: DemoPort[] = [
  { port: appPort, variable: "PORT", role: "the OneCode app" },
  { port: emulatorPort, variable: "EMULATOR_PORT", role: "the Shopify emulator" },
];

const portProblems = await demoPortProblems(ports);
if (portProblems.length > 0) {
  for (const problem of portProblems) console.error(problem);
  process.exit(1);
}

console.log("· Building the app (npm run build)…");
const buildStamp = randomUUID();
buildApp(buildStamp);

// The demo always runs on the embedded SQLite database, whatever DATABASE_URL says, and keeps the
// emulator's Shopify beside it so a restarted demo finds the shop its campaigns live in.
const database = resolveDatabaseTarget("");
if (database.provider !== "sqlite") throw new Error("The demo runs on SQLite");
const data = demoDataBeside(database.file);
const restoring = existsSync(data.stateFile);
const reconciled = reconcileDemoData(data);
if (reconciled) console.log(`· ${reconciled}`);
const migrated = await applyMigrations(database);
console.log(`· Database ready (${migrated.applied.length} new migration(s)).`);

const registration = loadAppRegistration({
  env: {
    SHOPIFY_API_KEY: DEMO_API_KEY,
    SHOPIFY_API_SECRET: DEMO_API_SECRET,
    SHOPIFY_APP_URL: appUrl,
  },
});
const emulator = await startEmulator({
  port: emulatorPort,
  state: { apps: [registration] },
  stateFile: data.stateFile,
}).catch((error: NodeJS.ErrnoException) => {
  // Taken since the check above.
  if (error.code === "EADDRINUSE") console.error(takenSentence(ports[1]!));
  else
    console.error(
      `The emulator's saved Shopify in ${path.relative(process.cwd(), data.stateFile)} cannot be read (${error.message}): move .data/ away to start the demo fresh.`,
    );
  process.exit(1);
});
const kept = path.relative(process.cwd(), data.stateFile);
console.log(
  restoring && !reconciled
    ? `· Shopify emulator at ${emulator.url}, with the shops of the last run (from ${kept}).`
    : `· Shopify emulator at ${emulator.url}; its shops are kept in ${kept} (delete .data/ to start over).`,
);

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
