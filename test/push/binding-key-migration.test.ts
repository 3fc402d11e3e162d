// The migration that gives the binding key one home (Campaign.bindingKey), applied to a database
// holding what earlier versions wrote: keys move out of the stored rules, campaigns whose codes
// work for anyone lose the random key nothing used, a campaign whose rules save dropped its key
// keeps it, bound campaigns' discounts are sent to Shopify again, and no row referring to a
// campaign is lost on the way (on SQLite the migration rebuilds the Campaign table).
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
    return resolveDatabaseTarget(`file:${path.join(os.tmpdir(), "onecode-tests", `key-${id}.db`)}`);
  }
  const url = new URL(run.connectionString);
  url.searchParams.set("schema", `onecode_key_${id}`);
  return resolveDatabaseTarget(url.toString());
}

const reward = { kind: "amount", target: "order", value: { percent: 10 } };

describe(`the binding key's migration on ${resolveDatabaseTarget().provider}`, () => {
  it("moves every key to the campaign's column and keeps every code", async () => {
    const target = freshTarget();
    const all = loadMigrations(target.provider);
    const at = all.findIndex((m) => m.name.endsWith("_campaign_binding_key_home"));
    expect(at).toBeGreaterThan(0);
    await applyMigrations(target, all.slice(0, at));

    const db = createDatabase(target);
    try {
      const shop = "key-migration.myshopify.com";
      // Written in SQL, as the rows below: the client knows columns that later migrations add.
      await db.$executeRawUnsafe(
        `INSERT INTO "Shop" ("domain", "updatedAt") VALUES (${
          target.provider === "postgresql" ? "$1" : "?"
        }, CURRENT_TIMESTAMP)`,
        shop,
      );
      const key = "ab".repeat(32);
      const lost = "cd".repeat(32);
      const pg = target.provider === "postgresql";
      const campaign = (id: string, rules: object, bindingKey: string) =>
        db.$executeRawUnsafe(
          `INSERT INTO "Campaign" ("id", "shop", "name", "rules", "codeFormat", "requestedCount",
             "startsAt", "bindingKey", "updatedAt")
           VALUES (${pg ? "$1, $2, $3, $4::jsonb, $5::jsonb" : "?, ?, ?, ?, ?"}, 1, CURRENT_TIMESTAMP,
             ${pg ? "$6" : "?"}, CURRENT_TIMESTAMP)`,
          id,
          shop,
          id,
          JSON.stringify(rules),
          JSON.stringify({ length: 10 }),
          bindingKey,
        );
      await campaign("bound", { v: 1, campaignId: "bound", boundKey: key, reward }, key);
      await campaign("open", { v: 1, campaignId: "open", boundKey: null, reward }, "ef".repeat(32));
      // A rules save dropped this one's key from its rules; its column and codes kept it.
      await campaign("unbound-by-save", { v: 1, campaignId: "x", boundKey: null, reward }, lost);
      // Rules of a shape today's validator refuses, still carrying the key.
      await campaign("older", { v: 1, boundKey: key, minSubtotal: "50", reward }, key);
      await db.code.createMany({
        data: [
          { shop, campaignId: "bound", code: "BOUND1", boundCustomerId: "1" },
          { shop, campaignId: "open", code: "OPEN1" },
          { shop, campaignId: "unbound-by-save", code: "LOST1", boundCustomerId: "2" },
          { shop, campaignId: "older", code: "OLDER1", boundCustomerId: "3" },
        ],
      });
      // Both campaigns' discounts were created by the push; only the bound one is sent again.
      for (const id of ["bound", "open"]) {
        await db.campaign.update({
          where: { id },
          data: { status: "active", shopifyDiscountId: `gid://shopify/DiscountCodeNode/${id}` },
          select: { id: true },
        });
        await db.pushChunk.create({
          data: {
            id: `${id}:discount`,
            shop,
            campaignId: id,
            state: "done",
            codeCount: 1,
            attempts: 1,
          },
          select: { id: true },
        });
      }
      await db.allocation.create({
        data: { shop, campaignId: "open", label: "Partner", quantity: 1 },
        select: { id: true },
      });

      await applyMigrations(target, all);

      const campaigns = await db.campaign.findMany({
        where: { shop },
        orderBy: { id: "asc" },
        select: { id: true, bindingKey: true, rules: true },
      });
      expect(
        campaigns.map((c) => [c.id, c.bindingKey, (c.rules as { boundKey?: unknown }).boundKey]),
      ).toEqual([
        ["bound", key, null],
        ["older", key, null],
        ["open", null, null],
        ["unbound-by-save", lost, null],
      ]);
      expect((campaigns[1]!.rules as { minSubtotal: unknown }).minSubtotal).toBe("50");
      const chunks = await db.pushChunk.findMany({
        where: { shop },
        orderBy: { id: "asc" },
        select: { id: true, state: true, attempts: true },
      });
      expect(chunks).toEqual([
        { id: "bound:discount", state: "pending", attempts: 1 },
        { id: "open:discount", state: "done", attempts: 1 },
      ]);
      expect(await db.code.count({ where: { shop } })).toBe(4);
      expect(await db.allocation.count({ where: { shop } })).toBe(1);
    } finally {
      if (target.provider === "postgresql") {
        await db.$executeRawUnsafe(`DROP SCHEMA "${target.schema}" CASCADE`);
      }
      await db.$disconnect();
    }
  });
});
