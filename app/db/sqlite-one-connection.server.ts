// Prisma's SQLite transactions as BEGIN IMMEDIATE … COMMIT on the client's one connection, under
// a lock every query of the process takes, not a new connection each (decision 030).
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
      // IMMEDIATE: a deferred transaction that read first would fail (SQLITE_BUSY_SNAPSHOT) on
      // its first write once another connection had committed in between.
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

  #open(): SqlDriverAdapter {
    if (!this.#release) throw new Error("This transaction has already ended.");
    return this.connection;
  }

  #end(): void {
    this.#release?.();
    this.#release = null;
  }
}
