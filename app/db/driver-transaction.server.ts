// Bulk writes through the Prisma client's own driver adapter, below its query compiler.
//
// A raw query's parameters travel through Prisma's query compiler (WebAssembly) and back as JSON,
// copied several times on the way. For code minting, whose batch is one parameter of about
// 150 kB, that was most of the process's memory (decision 030). Going to the adapter Prisma itself
// uses, rather than opening a connection of our own, keeps its guarantees: on SQLite the adapter
// holds a lock for the length of a transaction, so no other query of this process can block
// (synchronously, in libsql's busy handler) on a write lock that this transaction holds across
// an `await`; on PostgreSQL it is the same pool.
import { setImmediate as eventLoopTurn } from "node:timers/promises";
import type {
  ArgScalarType,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  Transaction,
} from "@prisma/driver-adapter-utils";

/** A statement's parameter and the scalar type the adapter converts it as. */
export type DriverArg = { value: unknown; type: ArgScalarType; list?: boolean };

export interface DriverTransaction {
  /** Runs one statement; returns the number of rows it changed. */
  execute(sql: string, args: readonly DriverArg[]): Promise<number>;
}

/**
 * Wraps an adapter factory so the adapter the Prisma client connects through can be used
 * directly. The client connects on its first query (or `$connect`) and again after a
 * `$disconnect`; the latest connection is the live one.
 */
export class SharedAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider: SqlDriverAdapterFactory["provider"];
  readonly adapterName: string;
  #connected: Promise<SqlDriverAdapter> | undefined;

  constructor(private readonly inner: SqlDriverAdapterFactory) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  connect(): Promise<SqlDriverAdapter> {
    this.#connected = this.inner.connect();
    return this.#connected;
  }

  /** The adapter of the client's current connection; `connectClient` makes sure there is one. */
  async adapter(connectClient: () => Promise<void>): Promise<SqlDriverAdapter> {
    await connectClient();
    if (!this.#connected) throw new Error("The database client has not connected.");
    return this.#connected;
  }
}

/**
 * Runs `work` in one transaction on the adapter: committed when it resolves, rolled back when it
 * throws. Commit and rollback follow Prisma's own protocol: adapters whose transaction object
 * begins the transaction implicitly (libsql) end it with `commit()`; the others (pg) are sent
 * COMMIT or ROLLBACK first, then release their connection with `commit()`/`rollback()`.
 */
export async function driverTransaction<T>(
  adapter: SqlDriverAdapter,
  work: (tx: DriverTransaction) => Promise<T>,
): Promise<T> {
  const tx = await adapter.startTransaction().catch(rethrowReadable);
  let result: T;
  try {
    result = await work({
      async execute(sql, args) {
        const changed = await tx
          .executeRaw({
            sql,
            args: args.map((arg) => arg.value),
            argTypes: args.map((arg) => ({
              scalarType: arg.type,
              arity: arg.list ? "list" : "scalar",
            })),
          })
          .catch(rethrowReadable);
        // SQLite answers synchronously, so without this a run of bulk statements went by in
        // microtasks and the process served nothing else: no request, no timer (a 2M-code mint:
        // 3.4 s without one turn of the event loop). libsql also frees each statement's memory
        // (a mint batch's 150 kB parameter) only on a turn of the loop: a 10M-code mint held
        // 150 MB of them until it ended.
        await eventLoopTurn();
        return changed;
      },
    });
  } catch (error) {
    await rollback(tx);
    throw error;
  }
  await commit(tx);
  return result;
}

async function commit(tx: Transaction): Promise<void> {
  if (tx.options.usePhantomQuery) return tx.commit().catch(rethrowReadable);
  try {
    await tx.executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
  } catch (error) {
    await tx.rollback();
    rethrowReadable(error);
  }
  await tx.commit();
}

async function rollback(tx: Transaction): Promise<void> {
  if (tx.options.usePhantomQuery) return tx.rollback();
  try {
    await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] });
  } catch {
    // The connection is released below either way; the caller's error is the one that matters.
  } finally {
    await tx.rollback();
  }
}

// Adapters throw a DriverAdapterError whose `cause` holds the database's own words (for example
// "database is locked"); surface those rather than the error kind alone.
function rethrowReadable(error: unknown): never {
  const cause = (error as { cause?: { originalMessage?: string; kind?: string } }).cause;
  if (cause?.originalMessage) throw new Error(cause.originalMessage, { cause: error });
  throw error;
}
