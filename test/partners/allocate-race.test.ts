// Two app instances allocating from one campaign at once: on PostgreSQL, two database clients, each
// with its own connection pool, racing many allocations. No code may end up counted by two
// allocations, and while the pool lasts no allocation may be refused because the other instance
// held rows it was about to take. On SQLite the same race runs through the app's one client (one
// connection a process; the file's write lock is what serialises other processes, and two
// connections in one process would wait on each other inside SQLite's blocking busy handler).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCampaign,
  FAST_WORKER,
  installShop,
  startPushEmulator,
  waitFor,
  type PushEmulator,
} from "../push/harness";

const harness: PushEmulator = await startPushEmulator();
const { default: db, createDatabase } = await import("~/db.server");
const { resolveDatabaseTarget } = await import("~/db/database-url");
const { allocateCodes, topUpAllocation } = await import("~/partners/allocate.server");
const { startPush } = await import("~/push/control.server");
const { PushWorker } = await import("~/push/worker.server");

const CODES = 1_000;
const provider = resolveDatabaseTarget().provider;
const instances =
  provider === "postgresql"
    ? [createDatabase(resolveDatabaseTarget()), createDatabase(resolveDatabaseTarget())]
    : [db, db];
let shop = "";
let campaignId = "";
let topUpCampaignId = "";

beforeAll(async () => {
  shop = await installShop(harness.emulator, "race");
  campaignId = await createCampaign(shop, CODES, "Race");
  topUpCampaignId = await createCampaign(shop, CODES, "Top-up race");
  await startPush(shop, campaignId);
  await startPush(shop, topUpCampaignId);
  const worker = new PushWorker({ ...FAST_WORKER, onlyShops: [shop] }).start();
  try {
    const campaigns = [campaignId, topUpCampaignId];
    await waitFor(
      async () =>
        (await db.code.count({ where: { campaignId: { in: campaigns }, pushState: "live" } })) ===
        2 * CODES,
      () => db.code.groupBy({ by: ["pushState"], where: { shop }, _count: true }),
      60_000,
    );
  } finally {
    await worker.stop();
  }
});
afterAll(async () => {
  if (provider === "postgresql") await Promise.all(instances.map((client) => client.$disconnect()));
  await harness.emulator.close();
});

async function race(rounds: number, quantity: number) {
  const attempts = Array.from({ length: rounds }, (_, i) =>
    allocateCodes(
      shop,
      { campaignId, target: { channel: `Channel ${i}` }, quantity },
      "staff",
      instances[i % 2],
    ),
  );
  return Promise.all(attempts);
}

describe(`allocating from two app instances at once (${provider})`, () => {
  it("gives no code to two allocations, and refuses nobody while codes are free", async () => {
    // 600 of 1,000 codes asked for at once: every allocation must succeed.
    const first = await race(12, 50);
    expect(first.filter((r) => !r.ok)).toEqual([]);
    // Then 24 × 50 more for the 400 left: exactly 8 succeed, the rest are told the pool is short.
    const second = await race(24, 50);
    expect(second.filter((r) => r.ok)).toHaveLength(8);
    for (const refused of second.filter((r) => !r.ok)) {
      expect(refused.message).toMatch(
        /^Only \d+ codes? (is|are) free; mint more or allocate fewer\.$/,
      );
    }

    const allocations = await db.allocation.findMany({
      where: { campaignId },
      select: { id: true, quantity: true, _count: { select: { codes: true } } },
    });
    // Refused allocations left nothing behind; each kept one holds exactly its quantity.
    expect(allocations).toHaveLength(20);
    for (const allocation of allocations) expect(allocation._count.codes).toBe(allocation.quantity);
    const given = allocations.reduce((sum, a) => sum + a.quantity, 0);
    expect(given).toBe(CODES);
    expect(await db.code.count({ where: { campaignId, status: "allocated" } })).toBe(CODES);
    expect(await db.code.count({ where: { campaignId, status: "available" } })).toBe(0);
  });
});

// A concurrent allocation that is short itself holds rows (FOR UPDATE) until it rolls back: SKIP
// LOCKED passes over them, so a top-up running meanwhile finds too few although the codes are
// free, and must try again rather than tell the merchant the pool is short.
describe.runIf(provider === "postgresql")("a top-up next to a concurrent short allocation", () => {
  it("waits out the rows the other allocation gives back instead of refusing", async () => {
    const made = await allocateCodes(
      shop,
      { campaignId: topUpCampaignId, target: { channel: "Top-up" }, quantity: 600 },
      "staff",
      instances[0],
    );
    if (!made.ok) throw new Error(made.message);
    // 400 free: the other instance's transaction holds 300 of them for a moment, then rolls back.
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const other = instances[1]!.$transaction(async (tx) => {
      await tx.$queryRawUnsafe(
        `SELECT "id" FROM "Code" WHERE "campaignId" = $1 AND "status" = 'available' ORDER BY "id" LIMIT 300 FOR UPDATE`,
        topUpCampaignId,
      );
      held();
      await new Promise((resolve) => setTimeout(resolve, 300));
      throw new Error("short: rolled back");
    });
    // Settled at once, so its rejection is handled even if it comes while the top-up runs.
    const otherOutcome = other.then(
      () => "committed",
      (error: Error) => error.message,
    );
    await holding;
    const topUp = await topUpAllocation(shop, made.allocationId, 200, "staff", instances[0]);
    expect(await otherOutcome).toBe("short: rolled back");
    expect(topUp).toMatchObject({ ok: true, allocated: 200 });
    const allocation = await db.allocation.findUniqueOrThrow({
      where: { id: made.allocationId },
      select: { quantity: true, _count: { select: { codes: true } } },
    });
    expect(allocation).toEqual({ quantity: 800, _count: { codes: 800 } });
  });
});
