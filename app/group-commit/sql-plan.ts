// A plan: a generator that yields each statement and gets its result back, run in one
// synchronous step on the SQLite lane or awaited on a Prisma transaction (decision 004).

export interface Statement {
  readonly kind: "query" | "execute";
  readonly sql: string;
  readonly args: readonly unknown[];
}

/** Work that yields statements and finally returns a T. */
export type Plan<T> = Generator<Statement, T, unknown>;

/** Rows of a SELECT (or a RETURNING), as objects keyed by column name. */
export function* query<Row>(sql: string, ...args: unknown[]): Plan<Row[]> {
  return (yield { kind: "query", sql, args }) as Row[];
}

/** Runs a statement; returns the number of rows it changed. */
export function* execute(sql: string, ...args: unknown[]): Plan<number> {
  return (yield { kind: "execute", sql, args }) as number;
}

export interface SyncExecutor {
  query(sql: string, args: readonly unknown[]): unknown[];
  execute(sql: string, args: readonly unknown[]): number;
}

export interface AsyncExecutor {
  query(sql: string, args: readonly unknown[]): Promise<unknown[]>;
  execute(sql: string, args: readonly unknown[]): Promise<number>;
}

export function runSync<T>(plan: Plan<T>, db: SyncExecutor): T {
  let step = plan.next();
  while (!step.done) {
    const { kind, sql, args } = step.value;
    step = plan.next(kind === "query" ? db.query(sql, args) : db.execute(sql, args));
  }
  return step.value;
}

export async function runAsync<T>(plan: Plan<T>, db: AsyncExecutor): Promise<T> {
  let step = plan.next();
  while (!step.done) {
    const { kind, sql, args } = step.value;
    step = plan.next(kind === "query" ? await db.query(sql, args) : await db.execute(sql, args));
  }
  return step.value;
}

/** A Prisma transaction client (or the client itself) as a plan's executor. */
export function prismaExecutor(client: {
  $queryRawUnsafe<T = unknown>(sql: string, ...args: unknown[]): Promise<T>;
  $executeRawUnsafe(sql: string, ...args: unknown[]): Promise<number>;
}): AsyncExecutor {
  return {
    query: (sql, args) => client.$queryRawUnsafe<unknown[]>(sql, ...args),
    execute: (sql, args) => client.$executeRawUnsafe(sql, ...args),
  };
}

// Readers of raw rows as either driver gives them (stored text, or Prisma's Date and JSON).

/** A stored date: a Date, Prisma's ISO text, SQLite's "YYYY-MM-DD HH:MM:SS" (UTC) or epoch ms. */
export function readDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  const text = String(value);
  // Without a zone, SQLite's own timestamps are UTC (CURRENT_TIMESTAMP); Date would read local.
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

/** A date as Prisma's SQLite adapter writes it (ISO text with "+00:00"), so both read it alike. */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** A stored JSON value: SQLite keeps the text, PostgreSQL's driver parses it. */
export function readJson(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}
