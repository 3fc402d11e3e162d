// The large downloads' own read-only SQLite connection: pages as plain arrays, each read short; a
// "busy" answer is retried after a timer rather than blocking the event loop (decision 027).
import Database from "libsql";
import { resolveDatabaseTarget } from "../db/database-url";

type Connection = InstanceType<typeof Database>;
type Prepared = ReturnType<Connection["prepare"]>;

const SQLITE_BUSY = 5;
const BUSY_WAIT_MS = 10_000;

let connection: Connection | undefined;
const statements = new Map<string, Prepared>();

function prepared(sql: string): Prepared {
  if (!connection) {
    const target = resolveDatabaseTarget();
    if (target.provider !== "sqlite") throw new Error("SQLite pages need a SQLite database");
    connection = new Database(target.file, { readonly: true });
    connection.exec("PRAGMA busy_timeout = 0");
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = connection.prepare(sql).raw(true);
    statements.set(sql, statement);
  }
  return statement;
}

function isBusy(error: unknown): boolean {
  const rawCode = (error as { rawCode?: unknown } | null)?.rawCode;
  return typeof rawCode === "number" && (rawCode & 0xff) === SQLITE_BUSY;
}

/** The rows of one page as arrays of cells, in the order of the statement's columns. */
export async function sqlitePage(sql: string, args: readonly unknown[]): Promise<unknown[][]> {
  const statement = prepared(sql);
  const deadline = Date.now() + BUSY_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return statement.all([...args]) as unknown[][];
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1 + attempt, 20)));
    }
  }
}
