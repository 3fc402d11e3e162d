import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import pg from "pg";
import type { DatabaseTarget } from "../app/db/database-url";

export const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** The committed migrations of one provider, in order (folder names start with a timestamp). */
export function loadMigrations(provider: DatabaseTarget["provider"]): Migration[] {
  const dir = path.join(MIGRATIONS_DIR, provider);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      // Prisma's own checksum (sha256 of the file), so `prisma migrate deploy` accepts the history.
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

// The table `prisma migrate deploy` keeps, so a database migrated here stays manageable by the
// Prisma CLI on a machine that has its native engine.
const HISTORY_TABLE = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
};

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies pending migrations, each in its own transaction with its history row, so a failure
 * leaves the database at the last complete migration. A committed migration whose file changed
 * since it was applied is refused rather than silently skipped.
 */
export async function applyMigrations(
  target: DatabaseTarget,
  migrations = loadMigrations(target.provider),
): Promise<MigrationReport> {
  return target.provider === "sqlite"
    ? applySqlite(target.file, migrations)
    : applyPostgres(target.connectionString, target.schema, migrations);
}

function pending(migrations: Migration[], applied: Map<string, string>): Migration[] {
  for (const [name, checksum] of applied) {
    const local = migrations.find((m) => m.name === name);
    if (!local)
      throw new Error(
        `Migration ${name} is applied in the database but missing from prisma/migrations`,
      );
    if (local.checksum !== checksum)
      throw new Error(`Migration ${name} was edited after it was applied (checksum mismatch)`);
  }
  return migrations.filter((m) => !applied.has(m.name));
}

async function applySqlite(file: string, migrations: Migration[]): Promise<MigrationReport> {
  mkdirSync(path.dirname(file), { recursive: true });
  const client = createClient({ url: `file:${file}` });
  try {
    await client.execute("PRAGMA busy_timeout = 10000");
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute(HISTORY_TABLE.sqlite);
    const rows = await client.execute(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.rows.map((r) => [String(r.migration_name), String(r.checksum)]));
    const todo = pending(migrations, applied);
    for (const migration of todo) {
      // As Prisma's own migrate does: a migration that redefines a table (SQLite's only way to
      // change a column) drops the old one, and with foreign keys on that drop cascades to every
      // row referring to it. The pragma is a no-op inside a transaction (the migration's own
      // PRAGMA line), so it is set on the connection the transaction takes, and the keys are
      // checked before commit instead.
      await client.execute("PRAGMA foreign_keys = OFF");
      const tx = await client.transaction("write");
      try {
        await tx.executeMultiple(migration.sql);
        const broken = await tx.execute("PRAGMA foreign_key_check");
        if (broken.rows.length > 0) {
          throw new Error(`it leaves ${broken.rows.length} rows with a broken foreign key`);
        }
        await tx.execute({
          sql: `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES (?, ?, ?, current_timestamp, 1)`,
          args: [randomUUID(), migration.checksum, migration.name],
        });
        await tx.commit();
      } catch (error) {
        await tx.rollback();
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      } finally {
        tx.close();
      }
    }
    return { applied: todo.map((m) => m.name), alreadyApplied: applied.size };
  } finally {
    client.close();
  }
}

async function applyPostgres(
  connectionString: string,
  schema: string,
  migrations: Migration[],
): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const quoted = `"${schema.replaceAll('"', '""')}"`;
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(`SET search_path TO ${quoted}`);
    // Two app instances starting together must not both apply the same migration.
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [`onecode-migrate:${schema}`]);
    await client.query(HISTORY_TABLE.postgresql);
    const rows = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.rows.map((r) => [r.migration_name, r.checksum]));
    const todo = pending(migrations, applied);
    for (const migration of todo) {
      try {
        await client.query("BEGIN");
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
    }
    return { applied: todo.map((m) => m.name), alreadyApplied: applied.size };
  } finally {
    await client.end();
  }
}
