// The batch's own SQLite connection with its prepared statements (decision 004). It never waits
// inside SQLite: a transaction runs in one synchronous step, and a busy lock is retried on a timer.
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

/** Runs `plan` in one transaction, waiting without blocking while another connection writes. */
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
