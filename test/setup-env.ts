// Runs in each test worker before the test file is imported, so app/db.server.ts connects to the
// run's own database (see test/global-setup.ts).
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
// One app build per test run, shared by every end-to-end test file (emulator/app-process.ts).
process.env.ONECODE_BUILD_STAMP = inject("runId");
