// Revoked codes and the push (app/anomalies/revoke.server.ts, app/push/queue-for-removal.server.ts): a code
// revoked before its chunk is sent never reaches Shopify, and one revoked while its chunk is in
// flight lands and is then removed again, so Shopify ends up holding no revoked code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getShop } from "../../emulator/store/index";
import {
  codeSets,
  createCampaign,
  FAST_WORKER,
  installShop,
  startPushEmulator,
  waitFor,
  type PushEmulator,
} from "./harness";

// The emulator's clock, which runs its bulk creations: held still, a submitted chunk stays in
// flight (polls answer "not done") for as long as the test needs, with no timing involved.
let heldAt: number | null = null;
const emulatorNow = () => heldAt ?? Date.now();

let harness: PushEmulator;
const workers: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  harness = await startPushEmulator({
    state: { bulkCreationDelayMs: 20, jobDelayMs: 20, now: emulatorNow },
  });
});
afterAll(async () => {
  heldAt = null;
  await Promise.all(workers.map((w) => w.stop()));
  await harness.emulator.close();
});

const app = async () => ({
  db: (await import("../../app/db.server")).default,
  control: await import("../../app/push/control.server"),
  store: await import("../../app/push/chunk-store.server"),
  revoke: await import("../../app/anomalies/revoke.server"),
  worker: await import("../../app/push/worker.server"),
});

async function startWorker(shop: string) {
  const { worker } = await app();
  const instance = new worker.PushWorker({ ...FAST_WORKER, onlyShops: [shop] }).start();
  workers.push(instance);
}

/** Gives the codes to a partner's allocation and revokes it, as the anomaly page does. */
async function revokeCodes(shop: string, campaignId: string, codeIds: number[]) {
  const { db, revoke } = await app();
  const allocation = await db.allocation.create({
    data: { shop, campaignId, label: "Leaky partner", quantity: codeIds.length },
  });
  await db.code.updateMany({
    where: { id: { in: codeIds } },
    data: { allocationId: allocation.id, status: "allocated" },
  });
  return revoke.revokeAllocation(shop, allocation.id, "test");
}

/** Every code Shopify was ever asked to add to the shop's discounts in bulk, upper-cased. */
function codesEverSent(shop: string): Set<string> {
  const record = getShop(harness.emulator.state, shop)!;
  return new Set(
    [...record.bulkCreations.values()].flatMap((bulk) =>
      bulk.codes.map((c) => c.code.toUpperCase()),
    ),
  );
}

async function untilSettled(campaignId: string) {
  const { db } = await app();
  await waitFor(
    async () =>
      (await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === "active" &&
      (await db.pushChunk.count({
        where: { campaignId, state: { in: ["pending", "submitted"] } },
      })) === 0 &&
      (await db.code.count({ where: { campaignId, pushState: { in: ["pending", "queued"] } } })) ===
        0,
    () => db.pushChunk.findMany({ where: { campaignId, state: { in: ["pending", "submitted"] } } }),
  );
}

describe("revoked codes and the push", () => {
  it("never sends a code revoked before its chunk is sent", async () => {
    const { db, control, store } = await app();
    const shop = await installShop(harness.emulator, "revoke-before");
    const campaignId = await createCampaign(shop, 600);
    expect(await control.startPush(shop, campaignId)).toEqual({ ok: true });
    // Chunks made ahead, as a worker makes them, before any is sent.
    await store.ensureDiscountChunk({ id: campaignId, shop });
    expect(await store.createAddChunks({ id: campaignId, shop }, 3)).toBe(599);
    const discountCode = await db.code.findFirstOrThrow({
      where: { campaignId, pushChunkId: store.discountChunkId(campaignId) },
    });
    const firstChunk = await db.pushChunk.findFirstOrThrow({
      where: { campaignId, kind: "add", id: { not: store.discountChunkId(campaignId) } },
      orderBy: { createdAt: "asc" },
    });
    const inChunk = await db.code.findMany({ where: { pushChunkId: firstChunk.id }, take: 5 });
    const revokedIds = [discountCode.id, ...inChunk.map((c) => c.id)];
    expect(await revokeCodes(shop, campaignId, revokedIds)).toEqual({
      ok: true,
      revoked: 6,
      deleteChunks: 0,
    });

    await startWorker(shop);
    await untilSettled(campaignId);

    const revoked = await db.code.findMany({ where: { id: { in: revokedIds } } });
    expect(revoked.map((c) => [c.status, c.pushState])).toEqual(
      revokedIds.map(() => ["revoked", "removed"]),
    );
    const sets = await codeSets(harness.emulator, shop, campaignId);
    expect(sets.shopify).toHaveLength(594);
    expect(sets.shopify).toEqual(sets.database);
    // Never sent at all: in no bulk creation, not the discount's own code, nothing to delete.
    const sent = codesEverSent(shop);
    for (const code of revoked) {
      expect(sent.has(code.code.toUpperCase())).toBe(false);
      expect(sets.shopify).not.toContain(code.code.toUpperCase());
    }
    expect(await db.pushChunk.count({ where: { campaignId, kind: "delete" } })).toBe(0);
  });

  it("removes from Shopify a code revoked while its chunk was in flight", async () => {
    const { db, control, store } = await app();
    const shop = await installShop(harness.emulator, "revoke-during");
    const campaignId = await createCampaign(shop, 600);
    heldAt = Date.now();
    expect(await control.startPush(shop, campaignId)).toEqual({ ok: true });
    await startWorker(shop);
    // All three add chunks sent, none finished (Shopify's clock is held).
    await waitFor(
      async () =>
        (await db.pushChunk.count({
          where: {
            campaignId,
            kind: "add",
            state: "submitted",
            id: { not: store.discountChunkId(campaignId) },
          },
        })) === 3,
      () => db.pushChunk.findMany({ where: { campaignId } }),
    );
    const inFlight = await db.code.findMany({
      where: { campaignId, pushState: "queued", pushChunk: { state: "submitted" } },
      take: 5,
    });
    expect(inFlight).toHaveLength(5);
    const revokedIds = inFlight.map((c) => c.id);
    expect(await revokeCodes(shop, campaignId, revokedIds)).toEqual({
      ok: true,
      revoked: 5,
      deleteChunks: 0,
    });
    heldAt = null;
    await untilSettled(campaignId);

    const revoked = await db.code.findMany({ where: { id: { in: revokedIds } } });
    expect(revoked.map((c) => [c.status, c.pushState])).toEqual(
      revokedIds.map(() => ["revoked", "removed"]),
    );
    const sets = await codeSets(harness.emulator, shop, campaignId);
    expect(sets.shopify).toHaveLength(595);
    expect(sets.shopify).toEqual(sets.database);
    // They did reach Shopify (the chunk was in flight), and are gone from the discount again.
    const sent = codesEverSent(shop);
    for (const code of revoked) {
      expect(sent.has(code.code.toUpperCase())).toBe(true);
      expect(sets.shopify).not.toContain(code.code.toUpperCase());
    }
  });
});
