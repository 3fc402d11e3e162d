// Transactions on the SQLite client's one connection.
//
// Prisma's libsql adapter begins each transaction with @libsql/client's `transaction()`, which
// hands the client's connection to the transaction and opens a new one for everything after.
// The old connection is not closed (libsql-client-ts#350, libsql-js#230, both open): its file
// handles and page cache go only when V8 collects its small JavaScript object and a later turn
// of the event loop runs the finalizer, and a heap that native memory does not fill is rarely
// collected, so a long-running app (one transaction per webhook batch) would run out of file
// descriptors and memory (figures in decision 030).
//
// Here a transaction is BEGIN IMMEDIATE … COMMIT on the client's single connection instead, under
// a lock that every query of the process takes, so nothing else runs on the connection while a
// transaction is open. Other connections wait for SQLite's own write lock (busy_timeout).
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { Mutex } from "async-mutex";

export class OneConnectionSqliteFactory implements SqlDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName: string;

  constructor(private readonly inner: SqlDriverAdapterFactory) {
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return new OneConnectionSqlite(await this.inner.connect());
  }
}

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

class OneConnectionSqlite implements SqlDriverAdapter {
  readonly provider = "sqlite";
  readonly adapterName: string;
  readonly #lock = new Mutex();

  constructor(private readonly inner: SqlDriverAdapter) {
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#lock.runExclusive(() => this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#lock.runExclusive(() => this.inner.executeRaw(query));
  }

  executeScript(script: string): Promise<void> {
    return this.#lock.runExclusive(() => this.inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    // SQLite transactions are serializable; the adapter refuses any other level in Prisma's terms.
    if (isolationLevel && isolationLevel !== "SERIALIZABLE")
      return this.inner.startTransaction(isolationLevel);
    const release = await this.#lock.acquire();
    try {
      // IMMEDIATE: the write lock is taken at the start, waiting (busy_timeout) while another
      // connection holds it. A deferred transaction that read first would instead fail outright
      // (SQLITE_BUSY_SNAPSHOT) on its first write if another connection — the order lane
      // (group-commit/sqlite-lane.server.ts), the worker process — had committed in between.
      await this.inner.executeRaw(statement("BEGIN IMMEDIATE"));
    } catch (error) {
      release();
      throw error;
    }
    return new OneConnectionTransaction(this.inner, release);
  }

  dispose(): Promise<void> {
    return this.#lock.runExclusive(() => this.inner.dispose());
  }
}

class OneConnectionTransaction implements Transaction {
  readonly provider = "sqlite";
  readonly adapterName: string;
  // The transaction object, not Prisma's engine, ends the transaction (as in Prisma's adapter).
  readonly options = { usePhantomQuery: true };
  #release: (() => void) | null;

  constructor(
    private readonly connection: SqlDriverAdapter,
    release: () => void,
  ) {
    this.adapterName = connection.adapterName;
    this.#release = release;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#open().queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#open().executeRaw(query);
  }

  async commit(): Promise<void> {
    const connection = this.#open();
    try {
      await connection.executeRaw(statement("COMMIT"));
    } catch (error) {
      // A failed COMMIT (SQLITE_BUSY, a deferred constraint) leaves the transaction open.
      await connection.executeRaw(statement("ROLLBACK")).catch(() => undefined);
      throw error;
    } finally {
      this.#end();
    }
  }

  async rollback(): Promise<void> {
    const connection = this.#open();
    try {
      await connection.executeRaw(statement("ROLLBACK"));
    } finally {
      this.#end();
    }
  }

  async createSavepoint(name: string): Promise<void> {
    await this.executeRaw(statement(`SAVEPOINT ${name}`));
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.executeRaw(statement(`ROLLBACK TO ${name}`));
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.executeRaw(statement(`RELEASE SAVEPOINT ${name}`));
  }

  // After COMMIT or ROLLBACK the connection belongs to the rest of the process again.
  #open(): SqlDriverAdapter {
    if (!this.#release) throw new Error("This transaction has already ended.");
    return this.connection;
  }

  #end(): void {
    this.#release?.();
    this.#release = null;
  }
}
