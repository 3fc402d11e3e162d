// The migration that drops the campaign statuses the app never wrote (draft, paused, ended),
// applied to a database holding a campaign in every status the type had: each row and its codes
// survive (on SQLite the migration rebuilds the Campaign table, on PostgreSQL it swaps the enum
// type), and the three dropped values become what the app writes for the same situation.
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveDatabaseTarget, type DatabaseTarget } from "../../app/db/database-url";
import { createDatabase } from "../../app/db.server";
import { applyMigrations, loadMigrations } from "../../prisma/apply-migrations";

function freshTarget(): DatabaseTarget {
  const run = resolveDatabaseTarget();
  const id = randomBytes(4).toString("hex");
  if (run.provider === "sqlite") {
    return resolveDatabaseTarget(
      `file:${path.join(os.tmpdir(), "onecode-tests", `status-${id}.db`)}`,
    );
  }
  const url = new URL(run.connectionString);
  url.searchParams.set("schema", `onecode_status_${id}`);
  return resolveDatabaseTarget(url.toString());
}

const OLD_STATUSES = ["draft", "minting", "pushing", "paused", "active", "ended", "cancelled"];

describe(`the campaign status migration on ${resolveDatabaseTarget().provider}`, () => {
  it("keeps every campaign and code, moving the three unused statuses to written ones", async () => {
    const target = freshTarget();
    const all = loadMigrations(target.provider);
    const at = all.findIndex((m) => m.name.endsWith("_campaign_status_values"));
    expect(at).toBeGreaterThan(0);
    await applyMigrations(target, all.slice(0, at));

    const db = createDatabase(target);
    const pg = target.provider === "postgresql";
    try {
      const shop = "status-migration.myshopify.com";
      // Written in SQL: the client no longer knows the statuses the rows hold.
      await db.$executeRawUnsafe(
        `INSERT INTO "Shop" ("domain", "updatedAt") VALUES (${pg ? "$1" : "?"}, CURRENT_TIMESTAMP)`,
        shop,
      );
      for (const status of OLD_STATUSES) {
        await db.$executeRawUnsafe(
          `INSERT INTO "Campaign" ("id", "shop", "name", "status", "rules", "codeFormat",
             "requestedCount", "startsAt", "updatedAt")
           VALUES (${pg ? '$1, $2, $3, $4::"CampaignStatus", $5::jsonb, $6::jsonb' : "?, ?, ?, ?, ?, ?"},
             1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
          status,
          shop,
          status,
          status,
          JSON.stringify({ v: 1 }),
          JSON.stringify({ length: 10 }),
        );
        await db.$executeRawUnsafe(
          `INSERT INTO "Code" ("shop", "campaignId", "code")
           VALUES (${pg ? "$1, $2, $3" : "?, ?, ?"})`,
          shop,
          status,
          `CODE-${status.toUpperCase()}`,
        );
      }

      await applyMigrations(target, all);

      const campaigns = await db.campaign.findMany({
        where: { shop },
        orderBy: { id: "asc" },
        select: { id: true, status: true, pushPaused: true },
      });
      expect(campaigns.map((c) => [c.id, c.status, c.pushPaused])).toEqual([
        ["active", "active", false],
        ["cancelled", "cancelled", false],
        ["draft", "minting", false],
        ["ended", "cancelled", false],
        ["minting", "minting", false],
        ["paused", "pushing", true],
        ["pushing", "pushing", false],
      ]);
      expect(await db.code.count({ where: { shop } })).toBe(OLD_STATUSES.length);
      // The column has no default any more: a campaign is created in the state the app names.
      await expect(
        db.$executeRawUnsafe(
          `INSERT INTO "Campaign" ("id", "shop", "name", "rules", "codeFormat", "requestedCount",
             "startsAt", "updatedAt")
           VALUES ('none', ${pg ? "$1" : "?"}, 'none', '{}', '{}', 1, CURRENT_TIMESTAMP,
             CURRENT_TIMESTAMP)`,
          shop,
        ),
      ).rejects.toThrow();
    } finally {
      if (pg) await db.$executeRawUnsafe(`DROP SCHEMA "${target.schema}" CASCADE`);
      await db.$disconnect();
    }
  });
});
