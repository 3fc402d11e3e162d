// Leases: of several workers, exactly one holds a chunk; a lapsed lease is taken over, and the
// worker that lost it can no longer change the chunk.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  codeSets,
  createCampaign,
  FAST_WORKER,
  installShop,
  startPushEmulator,
  waitFor,
  type PushEmulator,
} from "./harness";

let harness: PushEmulator;
beforeAll(async () => {
  harness = await startPushEmulator();
});
afterAll(async () => {
  await harness.emulator.close();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const load = async () => ({
  db: (await import("../../app/db.server")).default,
  store: await import("../../app/push/chunk-store.server"),
  control: await import("../../app/push/control.server"),
  worker: await import("../../app/push/worker.server"),
});

describe("chunk leases", () => {
  it("let exactly one of many simultaneous claims win", async () => {
    const { db, store } = await load();
    const shop = await installShop(harness.emulator, "lease");
    const campaignId = await createCampaign(shop, 300);
    expect(await store.createAddChunks({ id: campaignId, shop })).toBe(250);
    const chunk = await db.pushChunk.findFirstOrThrow({ where: { campaignId } });
    const wins = await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.claimChunk(chunk.id, `worker-${i}`, 60_000)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it("pass to another worker once lapsed, and the first can no longer write", async () => {
    const { db, store } = await load();
    const shop = await installShop(harness.emulator, "lapse");
    const campaignId = await createCampaign(shop, 10);
    await store.createAddChunks({ id: campaignId, shop });
    const chunk = await db.pushChunk.findFirstOrThrow({ where: { campaignId } });
    expect(await store.claimChunk(chunk.id, "slow", 300)).toBe(true);
    expect(await store.claimChunk(chunk.id, "eager", 300)).toBe(false);
    await sleep(350);
    expect(await store.claimChunk(chunk.id, "eager", 300)).toBe(true);
    await expect(
      store.updateHeldChunk(
        db,
        { id: chunk.id, owner: "slow", state: "pending" },
        { attempts: { increment: 1 } },
      ),
    ).rejects.toBeInstanceOf(store.LeaseLost);
    expect(await store.renewLeases([chunk.id], "slow", 1_000)).toEqual([chunk.id]);
    expect(await store.renewLeases([chunk.id], "eager", 1_000)).toEqual([]);
  });

  it("are timed by the database's clock: a worker whose clock runs fast takes no live lease", async () => {
    const { db, control, worker } = await load();
    const shop = await installShop(harness.emulator, "skew");
    const campaignId = await createCampaign(shop, 10);
    await control.startPush(shop, campaignId);
    const store = await import("../../app/push/chunk-store.server");
    await store.ensureDiscountChunk({ id: campaignId, shop });
    const chunkId = store.discountChunkId(campaignId);
    // A healthy worker holds the chunk for a minute...
    expect(await store.claimChunk(chunkId, "holder", 60_000)).toBe(true);
    // ... while a worker on a machine whose clock is ten minutes fast looks for work.
    const fast = { now: () => Date.now() + 600_000, sleep: (ms: number) => sleep(ms) };
    const skewed = new worker.PushWorker({
      ...FAST_WORKER,
      owner: "fast-clock",
      onlyShops: [shop],
      clock: fast,
    }).start();
    try {
      await sleep(1_000);
    } finally {
      await skewed.stop();
    }
    const chunk = await db.pushChunk.findUniqueOrThrow({ where: { id: chunkId } });
    expect(chunk).toMatchObject({ leaseOwner: "holder", attempts: 0, state: "pending" });
  });

  it("keep two workers on one shop from ever sending the same chunk twice", async () => {
    const { db, control, worker } = await load();
    const shop = await installShop(harness.emulator, "two");
    const campaignId = await createCampaign(shop, 3_000);
    await control.startPush(shop, campaignId);
    const workers = ["a", "b"].map((name) =>
      new worker.PushWorker({ ...FAST_WORKER, owner: `worker-${name}`, onlyShops: [shop] }).start(),
    );
    try {
      await waitFor(
        async () =>
          (await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === "active",
        async () => db.pushChunk.findMany({ where: { campaignId } }),
      );
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    const chunks = await db.pushChunk.findMany({
      where: { campaignId },
      select: { attempts: true, state: true },
    });
    expect(chunks.every((c) => c.state === "done" && c.attempts === 1)).toBe(true);
    const sets = await codeSets(harness.emulator, shop, campaignId);
    expect(sets.database).toHaveLength(3_000);
    expect(sets.shopify).toEqual(sets.database);
  });
});
