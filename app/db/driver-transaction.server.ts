// Bulk writes through the Prisma client's own driver adapter, below its query compiler, keeping
// the adapter's transaction lock on SQLite and its pool on PostgreSQL (decision 030).
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

/** Keeps the adapter the Prisma client connects through (the latest connection is the live one). */
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

/** Runs `work` in one transaction on the adapter, ended as Prisma's own protocol ends it. */
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
        // A turn of the event loop after each statement: SQLite answers synchronously, and libsql
        // frees a statement's memory only on a turn (decision 030).
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
    // Released below either way; the caller's error is the one that matters.
  } finally {
    await tx.rollback();
  }
}

// The database's own words (a DriverAdapterError's cause) rather than the error kind alone.
function rethrowReadable(error: unknown): never {
  const cause = (error as { cause?: { originalMessage?: string; kind?: string } }).cause;
  if (cause?.originalMessage) throw new Error(cause.originalMessage, { cause: error });
  throw error;
}
