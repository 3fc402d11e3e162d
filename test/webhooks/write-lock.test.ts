// The order batch's own SQLite connection (app/group-commit/sqlite-lane.server.ts) against another
// writer: it waits for the write lock without blocking the process, and a failed batch leaves
// nothing behind. SQLite only: PostgreSQL has no file lock and the batch runs on Prisma there.
import { randomUUID } from "node:crypto";
import Database from "libsql";
import { describe, expect, it } from "vitest";
import { resolveDatabaseTarget } from "~/db/database-url";
import { configureApp, deliver } from "./signed-delivery";
import { newShop, seedCampaign } from "./seed";
import { orderBody } from "./order-bodies";

configureApp();
const { default: db } = await import("~/db.server");
const { inSqliteLane } = await import("~/group-commit/sqlite-lane.server");
const { claimWebhookEvents } = await import("~/group-commit/batch-sql.server");

const target = resolveDatabaseTarget();

describe.skipIf(target.provider !== "sqlite")("the order batch on SQLite", () => {
  it("waits while another connection holds the write lock, serving meanwhile, then commits", async () => {
    const seeded = await seedCampaign(newShop("locked"));
    // Warm: the library, the route and both connections are loaded before the lock is taken.
    const warm = await seedCampaign(newShop("warm"));
    expect((await deliver("orders/create", orderBody("created"), { shop: warm.shop })).status).toBe(
      200,
    );
    const other = new Database(target.provider === "sqlite" ? target.file : "");
    other.exec("BEGIN IMMEDIATE");
    let answered = false;
    const delivery = deliver("orders/create", orderBody("created"), { shop: seeded.shop }).then(
      (response) => {
        answered = true;
        return response;
      },
    );
    // A timer still fires while the delivery waits: the process is not asleep in SQLite's busy
    // handler (which would also keep this test from ever releasing the lock).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);
    other.exec("COMMIT");
    other.close();

    expect((await delivery).status).toBe(200);
    expect(await db.redemption.count({ where: { shop: seeded.shop } })).toBe(1);
  });

  it("rolls a failed batch back entirely, and the next batch still commits", async () => {
    const shop = newShop("rollback");
    const row = (eventId: string) => ({
      eventId,
      webhookId: null,
      shop,
      topic: "orders/create",
      triggeredAt: null,
    });
    const failed = randomUUID();
    await expect(
      inSqliteLane(function* () {
        yield* claimWebhookEvents([row(failed)]);
        throw new Error("the effect failed");
      }),
    ).rejects.toThrow("the effect failed");
    expect(await db.webhookEvent.count({ where: { eventId: failed } })).toBe(0);

    const claimed = await inSqliteLane(() => claimWebhookEvents([row(failed)]));
    expect([...claimed]).toEqual([failed]);
    expect(await db.webhookEvent.count({ where: { eventId: failed } })).toBe(1);
  });
});
