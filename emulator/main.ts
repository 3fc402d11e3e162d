import { startEmulator } from "./server";

// `npm run emulator`: the emulator alone, on EMULATOR_PORT (default 8787).
const emulator = await startEmulator();
console.log(`OneCode emulator (Shopify stand-in) listening at ${emulator.url}`);
console.log(`  Admin GraphQL: ${emulator.url}/store/<shop>/admin/api/2026-04/graphql.json`);
console.log(`  Inspection:    ${emulator.url}/__emulator`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
