import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveDatabaseTarget, type DatabaseTarget } from "~/db/database-url";
import { createDatabase } from "~/db.server";
import { applyMigrations, loadMigrations, MIGRATIONS_DIR } from "../../prisma/apply-migrations";
import { schemaFor } from "../../prisma/derive-schemas";
import { diffSchemas } from "../../prisma/schema-engine";

// A database of its own, on the same server/provider as this run's, so the test sees a fresh apply.
function freshTarget(): DatabaseTarget {
  const run = resolveDatabaseTarget();
  const id = randomBytes(4).toString("hex");
  if (run.provider === "sqlite") {
    return resolveDatabaseTarget(
      `file:${path.join(os.tmpdir(), "onecode-tests", `migrate-${id}.db`)}`,
    );
  }
  const url = new URL(run.connectionString);
  url.searchParams.set("schema", `onecode_migrate_${id}`);
  return resolveDatabaseTarget(url.toString());
}

async function dropTarget(target: DatabaseTarget) {
  const db = createDatabase(target);
  if (target.provider === "postgresql")
    await db.$executeRawUnsafe(`DROP SCHEMA "${target.schema}" CASCADE`);
  await db.$disconnect();
}

describe(`migrations on ${resolveDatabaseTarget().provider}`, () => {
  it("apply from scratch, then find nothing left to apply", async () => {
    const target = freshTarget();
    try {
      const first = await applyMigrations(target);
      expect(first.applied).toEqual(loadMigrations(target.provider).map((m) => m.name));
      const second = await applyMigrations(target);
      expect(second).toEqual({ applied: [], alreadyApplied: first.applied.length });

      const db = createDatabase(target);
      // Every model answers through the generated client: the tables match schema.prisma.
      const counts = await Promise.all([
        db.session.count(),
        db.shop.count(),
        db.campaign.count(),
        db.code.count(),
        db.pushChunk.count(),
        db.partner.count(),
        db.allocation.count(),
        db.apiKey.count(),
        db.redemption.count(),
        db.webhookEvent.count(),
        db.anomaly.count(),
        db.auditLog.count(),
      ]);
      expect(counts).toEqual(new Array(12).fill(0));
      await db.$disconnect();
    } finally {
      await dropTarget(target);
    }
  });

  it("refuse a history whose applied migration file was edited afterwards", async () => {
    const target = freshTarget();
    try {
      await applyMigrations(target);
      const db = createDatabase(target);
      await db.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET checksum = 'edited'`);
      await db.$disconnect();
      await expect(applyMigrations(target)).rejects.toThrow(/edited after it was applied/);
    } finally {
      await dropTarget(target);
    }
  });

  it("cover every change to schema.prisma (else run `npm run db:migration -- <name>`)", async () => {
    const snapshot = readFileSync(path.join(MIGRATIONS_DIR, "schema.snapshot.prisma"), "utf8");
    expect(await diffSchemas("sqlite", snapshot, schemaFor("sqlite"))).toBe("");
  });
});
