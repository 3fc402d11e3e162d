// A database of the bench's own, migrated, so runs never touch the app's data or each other's:
// a fresh SQLite file under the OS temp folder, or a fresh schema in the PostgreSQL test database
// (BENCH_POSTGRES_URL overrides it). DATABASE_URL is set to it before the app's modules load.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { resolveDatabaseTarget, type DatabaseTarget } from "../app/db/database-url";
import { applyMigrations } from "../prisma/apply-migrations";

export interface BenchDatabase {
  runId: string;
  url: string;
  target: DatabaseTarget;
  /** Drops the schema or deletes the file; `run` executes SQL on the bench's own connection. */
  drop(run: (sql: string) => Promise<unknown>): Promise<void>;
}

export async function benchDatabase(bench: string, db: string | undefined): Promise<BenchDatabase> {
  if (db !== "sqlite" && db !== "postgres") throw new Error("--db must be sqlite or postgres");
  const runId = randomBytes(4).toString("hex");
  const sqliteFile = path.join(os.tmpdir(), "onecode-bench", `${bench}-${runId}.db`);
  const pgBase = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const url = db === "sqlite" ? `file:${sqliteFile}` : `${pgBase}?schema=onecode_bench_${runId}`;
  if (db === "sqlite") mkdirSync(path.dirname(sqliteFile), { recursive: true });
  const target = resolveDatabaseTarget(url);
  await applyMigrations(target);
  process.env.DATABASE_URL = url;
  return {
    runId,
    url,
    target,
    async drop(run) {
      if (target.provider === "postgresql") await run(`DROP SCHEMA "${target.schema}" CASCADE`);
      else for (const s of ["", "-wal", "-shm"]) rmSync(sqliteFile + s, { force: true });
    },
  };
}
