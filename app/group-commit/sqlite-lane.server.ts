// The order batch's own SQLite connection (decision 004): it lives as long as the process, is
// used only by the order commit queue's single lane, and keeps its prepared statements, where
// Prisma prepared every statement of every batch again.
//
// Two rules keep it from ever waiting on a lock inside SQLite, which would block the whole event
// loop (libsql's busy handler sleeps on the calling thread):
// - A transaction runs in one synchronous step, BEGIN IMMEDIATE to COMMIT, with a plan
//   (sql-plan.ts) answered synchronously. No other code of this process runs meanwhile, so none of
//   it can find this connection's write lock held; Prisma's adapter, for its part, holds its own
//   lock across a transaction's awaits, and this connection cannot take part in that.
// - The connection does not wait for the write lock (busy_timeout 0): when another connection
//   holds it (a Prisma transaction of this process, or another process such as `npm run worker`),
//   BEGIN IMMEDIATE fails at once and the lane tries again after a short timer, serving requests
//   meanwhile, for as long as Prisma's connections would have waited (db.server.ts).
import Database from "libsql";
import { resolveDatabaseTarget } from "../db/database-url";
import { runSync, sqliteDate, type Plan, type SyncExecutor } from "./sql-plan";

type Connection = InstanceType<typeof Database>;
type Prepared = ReturnType<Connection["prepare"]>;

const LOCK_WAIT_MS = 10_000;
const SQLITE_BUSY = 5;

class SqliteLane implements SyncExecutor {
  readonly #db: Connection;
  readonly #statements = new Map<string, Prepared>();

  constructor(file: string) {
    this.#db = new Database(file);
    this.#db.exec("PRAGMA busy_timeout = 0");
    // As Prisma's connections have them: the schema's cascades and SET NULLs apply here too.
    this.#db.exec("PRAGMA foreign_keys = ON");
  }

  query(sql: string, args: readonly unknown[]): unknown[] {
    return this.#prepared(sql).all(args.map(toSqlite));
  }

  execute(sql: string, args: readonly unknown[]): number {
    return this.#prepared(sql).run(args.map(toSqlite)).changes;
  }

  /** Runs the plan in one transaction, or returns `busy` when another connection holds the lock. */
  tryTransaction<T>(plan: () => Plan<T>): { busy: true } | { busy: false; value: T } {
    try {
      this.#db.exec("BEGIN IMMEDIATE");
    } catch (error) {
      if (isBusy(error)) return { busy: true };
      throw error;
    }
    try {
      const value = runSync(plan(), this);
      this.#db.exec("COMMIT");
      return { busy: false, value };
    } catch (error) {
      if (this.#db.inTransaction) this.#db.exec("ROLLBACK");
      if (isBusy(error)) return { busy: true };
      throw error;
    }
  }

  #prepared(sql: string): Prepared {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

function toSqlite(value: unknown): unknown {
  if (value instanceof Date) return sqliteDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

function isBusy(error: unknown): boolean {
  const rawCode = (error as { rawCode?: unknown } | null)?.rawCode;
  return typeof rawCode === "number" && (rawCode & 0xff) === SQLITE_BUSY;
}

let lane: SqliteLane | undefined;

/**
 * Runs `plan` in one transaction on the lane's connection, waiting (without blocking) while
 * another connection writes. The caller runs one at a time (order-commit-queue.server.ts).
 */
export async function inSqliteLane<T>(plan: () => Plan<T>): Promise<T> {
  if (!lane) {
    const target = resolveDatabaseTarget();
    if (target.provider !== "sqlite") throw new Error("The SQLite lane needs a SQLite database");
    lane = new SqliteLane(target.file);
  }
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    const outcome = lane.tryTransaction(plan);
    if (!outcome.busy) return outcome.value;
    if (Date.now() > deadline)
      throw new Error("database is locked: another writer held it too long");
    await new Promise((resolve) => setTimeout(resolve, Math.min(1 + attempt, 20)));
  }
}
