// The large downloads' own read-only SQLite connection. Through Prisma's adapter each cell of a
// page was converted twice (@libsql/client's row objects, then the adapter's typed arrays), which
// cost several times what SQLite took to find the rows; here a page arrives as plain arrays.
//
// A page is read in one synchronous step, so it is kept to what SQLite reads in tens of
// milliseconds. The database runs in WAL mode (prisma/apply-migrations.ts), where a reader never
// waits for a writer; should SQLite still answer "busy", the page is tried again after a timer
// rather than blocking the event loop in SQLite's busy handler.
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
