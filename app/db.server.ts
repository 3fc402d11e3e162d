import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/prisma/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/prisma/postgresql/client";
import { resolveDatabaseTarget, type DatabaseTarget } from "./db/database-url";
import {
  driverTransaction,
  SharedAdapterFactory,
  type DriverArg,
  type DriverTransaction,
} from "./db/driver-transaction.server";
import { OneConnectionSqliteFactory } from "./db/sqlite-one-connection.server";

export type Database = PrismaClient;
/** The client an interactive transaction hands its callback. */
export type Tx = Prisma.TransactionClient;

declare global {
  var onecodeDatabase: Database | undefined;
  var onecodeAdapters: WeakMap<Database, SharedAdapterFactory> | undefined;
}

// Each client's driver adapter, for bulkTransaction. On globalThis like the client itself, so a
// dev reload of this module still finds the adapter of the client it reuses.
const adapters = (globalThis.onecodeAdapters ??= new WeakMap());

/**
 * A Prisma client for the database DATABASE_URL names. The PostgreSQL client is generated from the
 * same schema (prisma/derive-schemas.ts), so both expose one API; the SQLite client's type is the
 * one the app is written against.
 */
export function createDatabase(target: DatabaseTarget = resolveDatabaseTarget()): Database {
  if (target.provider === "sqlite") {
    // busy_timeout: the app, the push worker and tests may share the file; wait instead of failing.
    const adapter = new SharedAdapterFactory(
      new OneConnectionSqliteFactory(new PrismaLibSql({ url: target.url, timeout: 10_000 })),
    );
    const client = new PrismaClient({ adapter });
    adapters.set(client, adapter);
    return client;
  }
  // search_path too, so raw SQL (bulk code inserts) resolves tables in the same schema as models.
  const adapter = new SharedAdapterFactory(
    new PrismaPg(
      { connectionString: target.connectionString, options: `-c search_path="${target.schema}"` },
      { schema: target.schema },
    ),
  );
  const client = new PostgresPrismaClient({ adapter }) as unknown as Database;
  adapters.set(client, adapter);
  return client;
}

/**
 * A transaction on the client's driver connection, for bulk statements whose parameters are too
 * large to pass through Prisma's query compiler (db/driver-transaction.server.ts).
 */
export async function bulkTransaction<T>(
  client: Database,
  work: (tx: DriverTransaction) => Promise<T>,
): Promise<T> {
  const factory = adapters.get(client);
  if (!factory) throw new Error("bulkTransaction needs a client made by createDatabase");
  return driverTransaction(await factory.adapter(() => client.$connect()), work);
}

/**
 * Rows of one statement on the client's driver connection, below Prisma's query compiler: for a
 * hot statement (a partner API claim) whose compile and JSON round trip cost more than its run.
 */
export async function driverQuery(
  client: Database,
  sql: string,
  args: readonly DriverArg[],
): Promise<unknown[][]> {
  const factory = adapters.get(client);
  if (!factory) throw new Error("driverQuery needs a client made by createDatabase");
  const adapter = await factory.adapter(() => client.$connect());
  const result = await adapter.queryRaw({
    sql,
    args: args.map((arg) => arg.value),
    argTypes: args.map((arg) => ({ scalarType: arg.type, arity: "scalar" })),
  });
  return result.rows;
}

// One client per process; kept on globalThis so Remix's dev reloads do not open a new pool each time.
const target = resolveDatabaseTarget();
const db: Database = (globalThis.onecodeDatabase ??= createDatabase(target));
/** Raw SQL differs by dialect in a few hot paths (bulk code inserts); they branch on this. */
export const databaseProvider = target.provider;
export default db;
