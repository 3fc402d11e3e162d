// Every `vitest run` gets a database of its own, migrated from scratch with the committed
// migrations: a fresh SQLite file by default, or a fresh schema in the PostgreSQL that
// DATABASE_URL names (the CI's second lane), dropped again at the end.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { resolveDatabaseTarget } from "../app/db/database-url";
import { applyMigrations } from "../prisma/apply-migrations";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    runId: string;
  }
}

export default async function setup(project: TestProject) {
  const base = resolveDatabaseTarget();
  const runId = `${Date.now()}_${randomBytes(4).toString("hex")}`;
  let url: string;
  let cleanup: () => Promise<void>;

  if (base.provider === "postgresql") {
    const schema = `onecode_test_${runId}`;
    const withSchema = new URL(base.connectionString);
    withSchema.searchParams.set("schema", schema);
    url = withSchema.toString();
    cleanup = async () => {
      const client = new pg.Client({ connectionString: base.connectionString });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    };
  } else {
    const dir = path.join(os.tmpdir(), "onecode-tests");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${runId}.db`);
    url = `file:${file}`;
    cleanup = async () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    };
  }

  await applyMigrations(resolveDatabaseTarget(url));
  process.env.DATABASE_URL = url;
  project.provide("databaseUrl", url);
  project.provide("runId", runId);
  return cleanup;
}
