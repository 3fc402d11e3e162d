import path from "node:path";

export type DatabaseTarget =
  | { provider: "sqlite"; url: string; file: string }
  | { provider: "postgresql"; url: string; connectionString: string; schema: string };

// Relative to the working directory: the server build bundles this module elsewhere.
export const DEFAULT_SQLITE_FILE = path.resolve(".data", "onecode.db");

/** The database DATABASE_URL names (decision 001): unset or `file:` SQLite, else PostgreSQL. */
export function resolveDatabaseTarget(raw = process.env.DATABASE_URL): DatabaseTarget {
  if (!raw)
    return { provider: "sqlite", url: `file:${DEFAULT_SQLITE_FILE}`, file: DEFAULT_SQLITE_FILE };
  if (raw.startsWith("file:")) {
    const file = path.resolve(raw.slice("file:".length));
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  if (raw.startsWith("postgres://") || raw.startsWith("postgresql://")) {
    const url = new URL(raw);
    const schema = url.searchParams.get("schema") ?? "public";
    url.searchParams.delete("schema");
    return { provider: "postgresql", url: raw, connectionString: url.toString(), schema };
  }
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${raw.split(":")[0]}:…"`,
  );
}
