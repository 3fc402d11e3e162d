// The clock several processes share, for the times they compare (leases, retention).
import db, { databaseProvider } from "../db.server";

const NOW =
  databaseProvider === "sqlite"
    ? `SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS "now"`
    : `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "now"`;

export async function databaseNow(): Promise<Date> {
  const [row] = await db.$queryRawUnsafe<{ now: string }[]>(NOW);
  return new Date(row!.now);
}
