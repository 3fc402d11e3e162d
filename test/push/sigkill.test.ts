// Crash safety: a worker process is killed with SIGKILL at random moments of a
// push, several times, and restarted each time; at the end the campaign's codes in Shopify (the
// emulator) are exactly its codes in the database: none missing, none twice, counts equal. Then
// the same with Shopify answering 5xx and dropping connections.
import { inject, afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import {
  codeSets,
  createCampaign,
  installShop,
  startPushEmulator,
  waitFor,
  type PushEmulator,
} from "./harness";
import { spawnWorker } from "./worker-process";

const CODES = 4_000;
const KILLS = 5;

let harness: PushEmulator;

beforeAll(async () => {
  // A small, slow bucket (about two chunks a second) keeps the push going long enough for the
  // kills to land mid-push.
  harness = await startPushEmulator({ bucket: { maximumAvailable: 30, restoreRate: 22 } });
});
afterAll(async () => {
  await harness.emulator.close();
});

// Deterministic "random" kill times per run of the suite (mulberry32).
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function liveCount(campaignId: string): Promise<number> {
  const { default: db } = await import("../../app/db.server");
  return db.code.count({ where: { campaignId, pushState: "live" } });
}

async function pushThroughKills(name: string, seed: number) {
  const { emulator, env } = harness;
  const { default: db } = await import("../../app/db.server");
  const { startPush } = await import("../../app/push/control.server");
  const { pushProgress } = await import("../../app/push/progress.server");
  const shop = await installShop(emulator, name);
  const campaignId = await createCampaign(shop, CODES);
  expect(await startPush(shop, campaignId)).toEqual({ ok: true });
  const workerEnv = {
    ...env,
    DATABASE_URL: inject("databaseUrl"),
    PUSH_SHOPS: shop,
    PUSH_LEASE_MS: "1000",
    PUSH_IDLE_MS: "20",
    PUSH_POLL_MIN_MS: "10",
    PUSH_RETRY_MS: "200",
  };
  const random = seeded(seed);
  // Kill points spread over the push: each at a different stage (once a random number of chunks
  // is live), plus a random fraction of a chunk's time, so kills fall while chunks are being
  // sent, polled or recorded.
  const stages = Array.from({ length: CODES / 250 - 2 }, (_, i) => i + 1);
  const thresholds = Array.from(
    { length: KILLS },
    () => stages.splice(Math.floor(random() * stages.length), 1)[0]!,
  )
    .sort((a, b) => a - b)
    .map((chunks) => chunks * 250);
  const liveAtKills: number[] = [];
  for (const threshold of thresholds) {
    const worker = spawnWorker(workerEnv);
    onTestFinished(() => void worker.child.kill("SIGKILL"));
    await worker.started;
    await waitFor(
      async () => (await liveCount(campaignId)) >= threshold,
      async () => ({ progress: await pushProgress(shop, campaignId), worker: worker.output() }),
      120_000,
    );
    await new Promise((resolve) => setTimeout(resolve, random() * 500));
    worker.child.kill("SIGKILL");
    expect(await worker.exited).toMatchObject({ signal: "SIGKILL" });
    liveAtKills.push(await liveCount(campaignId));
  }
  const last = spawnWorker(workerEnv);
  onTestFinished(() => void last.child.kill("SIGKILL"));
  await last.started;
  await waitFor(
    async () =>
      (await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === "active",
    async () => ({ progress: await pushProgress(shop, campaignId), worker: last.output() }),
    120_000,
  );
  // SIGTERM is the graceful stop: the worker gives its leases back and exits cleanly.
  last.child.kill("SIGTERM");
  expect(await last.exited).toEqual({ code: 0, signal: null });

  const sets = await codeSets(emulator, shop, campaignId);
  expect(sets.database).toHaveLength(CODES);
  expect(sets.shopify).toHaveLength(CODES);
  expect(sets.shopify).toEqual(sets.database);
  expect(await db.code.count({ where: { campaignId } })).toBe(CODES);
  // The kills really interrupted the push (not all before it began or after it ended).
  expect(liveAtKills.some((n) => n > 0 && n < CODES)).toBe(true);
}

describe("a push whose worker is killed with SIGKILL again and again", () => {
  it("ends with exactly the campaign's codes in Shopify", async () => {
    await pushThroughKills("sigkill", 20261124);
  }, 300_000);

  it("still does when Shopify answers 5xx and drops connections", async () => {
    const { faults } = harness.emulator.runtime;
    faults.configure({ errorRate: 0.15, dropRate: 0.1, seed: 7 });
    onTestFinished(() => {
      faults.configure({ errorRate: 0, dropRate: 0 });
    });
    await pushThroughKills("faults", 424242);
    expect(faults.stats.errors).toBeGreaterThan(0);
    expect(faults.stats.drops).toBeGreaterThan(0);
  }, 300_000);
});
