// `npm run db:migrate`: brings the database named by DATABASE_URL (default: the SQLite file) up to date.
import { resolveDatabaseTarget } from "../app/db/database-url";
import { applyMigrations } from "./apply-migrations";

const target = resolveDatabaseTarget();
try {
  const report = await applyMigrations(target);
  const where = target.provider === "sqlite" ? target.file : `PostgreSQL schema "${target.schema}"`;
  console.log(
    report.applied.length
      ? `Applied ${report.applied.length} migration(s) to ${where}: ${report.applied.join(", ")}`
      : `${where} is up to date (${report.alreadyApplied} migration(s) applied).`,
  );
} catch (error) {
  console.error(`Database migration failed: ${(error as Error).message}`);
  process.exit(1);
}
