// Pushing campaigns into the emulator end to end: the app's worker, the Shopify library, the
// emulator's Admin API with its cost throttle and asynchronous bulk creation.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import {
  getShop,
  listMetafields,
  getDiscount,
  recordCodeUsage,
  findRedeemCode,
} from "../../emulator/store/index";
import {
  codeSets,
  createCampaign,
  FAST_WORKER,
  installShop,
  occupyCode,
  startPushEmulator,
  waitFor,
  type PushEmulator,
} from "./harness";

let harness: PushEmulator;
const workers: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  harness = await startPushEmulator();
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await harness.emulator.close();
});

const app = async () => ({
  db: (await import("../../app/db.server")).default,
  control: await import("../../app/push/control.server"),
  progress: await import("../../app/push/progress.server"),
  worker: await import("../../app/push/worker.server"),
});

async function startWorker(shop: string) {
  const { worker } = await app();
  const instance = new worker.PushWorker({ ...FAST_WORKER, onlyShops: [shop] }).start();
  workers.push(instance);
  return instance;
}

async function status(campaignId: string) {
  const { db } = await app();
  return (await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status;
}

async function untilActive(shop: string, campaignId: string) {
  const { progress } = await app();
  await waitFor(
    async () => (await status(campaignId)) === "active",
    () => progress.pushProgress(shop, campaignId),
  );
}

describe("pushing a campaign into Shopify", () => {
  it("puts exactly the campaign's codes on one single-use app discount", async () => {
    const { emulator } = harness;
    const { control, db, progress } = await app();
    const shop = await installShop(emulator, "push");
    const campaignId = await createCampaign(shop, 3_000);
    expect(await control.startPush(shop, campaignId)).toEqual({ ok: true });
    await startWorker(shop);
    await untilActive(shop, campaignId);

    const sets = await codeSets(emulator, shop, campaignId);
    expect(sets.database).toHaveLength(3_000);
    expect(sets.shopify).toEqual(sets.database);

    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    const record = getShop(emulator.state, shop)!;
    const discount = getDiscount(record, campaign.shopifyDiscountId!)!;
    expect(discount).toMatchObject({
      kind: "app",
      title: "Spring sale",
      usageLimit: 1,
      discountClasses: ["ORDER"],
      startsAt: "2026-01-01T00:00:00.000Z",
    });
    const rules = listMetafields(record, discount.id).find((m) => m.key === "rules");
    expect(rules?.type).toBe("json");
    expect(JSON.parse(rules!.value)).toMatchObject({ v: 1, campaignId });

    const report = await progress.pushProgress(shop, campaignId);
    expect(report).toMatchObject({
      status: "active",
      codes: { live: 3_000, pending: 0, queued: 0, failed: 0, replaced: 0 },
      fraction: 1,
      remaining: 0,
      lastError: null,
    });
    expect(report!.chunks.add).toEqual({ pending: 0, submitted: 0, done: 13, failed: 0 });
  });

  it("rewrites the discount when the campaign's name, window or rules change", async () => {
    const { emulator } = harness;
    const { control, db } = await app();
    const { updateCampaignDiscount } = await import("../../app/push/discount.server");
    const { pacedAdminFor } = await import("../../app/push/admin-registry.server");
    const shop = await installShop(emulator, "update");
    const campaignId = await createCampaign(shop, 20);
    await control.startPush(shop, campaignId);
    await startWorker(shop);
    await untilActive(shop, campaignId);

    await db.campaign.update({
      where: { id: campaignId },
      data: {
        name: "Spring sale, extended",
        endsAt: new Date("2026-12-31T00:00:00Z"),
        rules: { v: 1, campaignId, reward: { kind: "freeShipping" } },
      },
    });
    expect(await updateCampaignDiscount(pacedAdminFor(shop), shop, campaignId)).toEqual({
      ok: true,
      updated: true,
    });
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    const record = getShop(emulator.state, shop)!;
    expect(getDiscount(record, campaign.shopifyDiscountId!)).toMatchObject({
      title: "Spring sale, extended",
      endsAt: "2026-12-31T00:00:00.000Z",
      discountClasses: ["SHIPPING"],
      usageLimit: 1,
    });
    const rules = listMetafields(record, campaign.shopifyDiscountId!).find(
      (m) => m.key === "rules",
    );
    expect(JSON.parse(rules!.value)).toMatchObject({ reward: { kind: "freeShipping" } });

    // Shopify's refusal comes back in words, not as an exception.
    await db.campaign.update({
      where: { id: campaignId },
      data: { endsAt: new Date("2025-01-01T00:00:00Z") },
    });
    expect(await updateCampaignDiscount(pacedAdminFor(shop), shop, campaignId)).toEqual({
      ok: false,
      code: "shopify_refused",
      message: "Shopify refused the change: Ends at needs to be after starts_at",
    });
  });

  it("replaces a code already used by another discount of the shop with a fresh one", async () => {
    const { emulator } = harness;
    const { control, db } = await app();
    const { insertCodes } = await import("../../app/codes/mint.server");
    const shop = await installShop(emulator, "taken");
    const campaignId = await createCampaign(shop, 600);
    const handMade = await occupyCode(emulator, shop, "HANDMADE42");
    await insertCodes(db, shop, campaignId, ["handmade42"], "imported");

    await control.startPush(shop, campaignId);
    await startWorker(shop);
    await untilActive(shop, campaignId);

    const taken = await db.code.findFirstOrThrow({ where: { campaignId, code: "HANDMADE42" } });
    expect(taken).toMatchObject({
      pushState: "replaced",
      pushError: "must be unique. Please try a different code.",
    });
    // The merchant asked for 601 codes (600 minted + 1 imported) and gets 601 live ones.
    const sets = await codeSets(emulator, shop, campaignId);
    expect(sets.database).toHaveLength(601);
    expect(sets.shopify).toEqual(sets.database);
    // The other discount keeps its code.
    expect(
      findRedeemCode(emulator.state, getShop(emulator.state, shop)!, "HANDMADE42")?.discount.id,
    ).toBe(handMade);
  });

  it("marks codes Shopify refuses as failed, with Shopify's reason, and still finishes", async () => {
    const { emulator } = harness;
    const { control, db, progress } = await app();
    const shop = await installShop(emulator, "full");
    const campaignId = await createCampaign(shop, 400);
    // Shopify caps codes per shop; this one may hold 300.
    const { options } = emulator.state;
    const cap = options.maxCodesPerShop;
    onTestFinished(() => {
      options.maxCodesPerShop = cap;
    });
    options.maxCodesPerShop = getShop(emulator.state, shop)!.redeemCodes.size + 300;

    await control.startPush(shop, campaignId);
    await startWorker(shop);
    await untilActive(shop, campaignId);

    const report = await progress.pushProgress(shop, campaignId);
    expect(report?.codes).toMatchObject({ live: 300, failed: 100, pending: 0, queued: 0 });
    const failed = await db.code.findFirstOrThrow({ where: { campaignId, pushState: "failed" } });
    expect(failed.pushError).toBe(
      `exceeds the shop's limit of ${options.maxCodesPerShop} discount codes.`,
    );
    const sets = await codeSets(emulator, shop, campaignId);
    expect(sets.shopify).toEqual(sets.database);
  });

  it("replaces the discount's own first code when another discount holds it", async () => {
    const { emulator } = harness;
    const { control, db } = await app();
    const shop = await installShop(emulator, "first");
    const campaignId = await createCampaign(shop, 0);
    const { insertCodes } = await import("../../app/codes/mint.server");
    await insertCodes(db, shop, campaignId, ["ONLYCODE01"], "imported");
    await occupyCode(emulator, shop, "ONLYCODE01");

    await control.startPush(shop, campaignId);
    await startWorker(shop);
    await untilActive(shop, campaignId);

    const codes = await db.code.findMany({ where: { campaignId }, orderBy: { id: "asc" } });
    expect(codes.map((c) => c.pushState)).toEqual(["replaced", "live"]);
    const sets = await codeSets(emulator, shop, campaignId);
    expect(sets.shopify).toEqual([codes[1]!.code]);
  });

  it("replaces a refused customer-bound code with a new code bound to the same customer", async () => {
    const { emulator } = harness;
    const { control, db } = await app();
    const { insertBoundCodes } = await import("../../app/campaigns/bound-codes.server");
    const { verifyBoundCode } = await import("@onecode/checkout-rules/bound-code");
    const { parseFormat } = await import("../../app/codes/format");
    const shop = await installShop(emulator, "bound");
    const key = "0".repeat(64);
    const campaignId = await createCampaign(shop, 0, "Spring sale", key);
    const format = parseFormat({ length: 10 });
    if (!format.ok) throw new Error("bad test format");
    const issued = await insertBoundCodes(db, {
      shop,
      campaignId,
      key,
      format: format.format,
      customerIds: ["101", "202"],
    });
    // Another discount of the shop already holds customer 101's code.
    await occupyCode(emulator, shop, issued.get("101")!);

    await control.startPush(shop, campaignId);
    await startWorker(shop);
    await untilActive(shop, campaignId);

    const codes = await db.code.findMany({ where: { campaignId }, orderBy: { id: "asc" } });
    const refused = codes.find((c) => c.code === issued.get("101"));
    expect(refused?.pushState).toBe("replaced");
    const live = codes.filter((c) => c.pushState === "live");
    expect(live.map((c) => c.boundCustomerId).sort()).toEqual(["101", "202"]);
    for (const code of live) {
      expect(code.status).toBe("distributed");
      expect(verifyBoundCode(code.code, key, code.boundCustomerId)).toBe(true);
    }
    const sets = await codeSets(emulator, shop, campaignId);
    expect(sets.shopify).toEqual(live.map((c) => c.code).sort());
  });

  it("after a bulk add whose id was never recorded, resends and keeps the codes as live, not replaced", async () => {
    const { emulator } = harness;
    const { control, db } = await app();
    const store = await import("../../app/push/chunk-store.server");
    const { pacedAdminFor } = await import("../../app/push/admin-registry.server");
    const { BULK_ADD } = await import("../../app/push/documents");
    const shop = await installShop(emulator, "crash");
    const campaignId = await createCampaign(shop, 500);
    await control.startPush(shop, campaignId);
    // A bucket smaller than a 250-code page of results: the reads must be cut to fit.
    const { buckets } = emulator.runtime;
    const fast = buckets.config;
    buckets.config = { ...fast, maximumAvailable: 30, restoreRate: 300 };
    onTestFinished(() => {
      buckets.config = fast;
    });

    // Create the discount by hand (no worker yet), then make one add chunk.
    const { processChunk } = await import("../../app/push/process-chunk.server");
    const { PollTimer } = await import("../../app/push/poll-timer");
    const { systemClock } = await import("../../app/push/clock");
    await store.ensureDiscountChunk({ id: campaignId, shop });
    const discountChunk = store.discountChunkId(campaignId);
    expect(await store.claimChunk(discountChunk, "setup", 60_000)).toBe(true);
    const setup = {
      owner: "setup",
      admin: pacedAdminFor(shop),
      polls: new PollTimer(FAST_WORKER.polls),
      clock: systemClock,
      signal: new AbortController().signal,
    };
    expect(await processChunk(setup, discountChunk)).toEqual({ kind: "finished" });
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign.shopifyDiscountId).not.toBeNull();
    expect(await store.createAddChunks(campaign)).toBe(250);
    const chunk = await db.pushChunk.findFirstOrThrow({
      where: { campaignId, kind: "add", state: "pending" },
    });

    // A worker claims it, counts the attempt, sends it ... and dies before recording the id.
    expect(await store.claimChunk(chunk.id, "doomed-worker", 1)).toBe(true);
    await store.updateHeldChunk(
      db,
      { id: chunk.id, owner: "doomed-worker", state: "pending" },
      { attempts: { increment: 1 } },
    );
    const codes = await db.code.findMany({
      where: { pushChunkId: chunk.id },
      select: { code: true },
    });
    await pacedAdminFor(shop).request(BULK_ADD, {
      discountId: campaign.shopifyDiscountId,
      codes: codes.map((c) => ({ code: c.code })),
    });

    await control.resumePush(shop, campaignId);
    await startWorker(shop);
    await untilActive(shop, campaignId);

    const states = await db.code.groupBy({
      by: ["pushState"],
      where: { campaignId },
      _count: { _all: true },
    });
    expect(states.map((s) => [s.pushState, s._count._all])).toEqual([["live", 500]]);
    const resent = await db.pushChunk.findUniqueOrThrow({ where: { id: chunk.id } });
    expect(resent).toMatchObject({ state: "done", attempts: 2, failedCount: 250 });
    const sets = await codeSets(emulator, shop, campaignId);
    expect(sets.shopify).toEqual(sets.database);
  });

  it("pauses, resumes and cancels a push, and Shopify always matches the database", async () => {
    const { emulator } = harness;
    const { control, db } = await app();
    const shop = await installShop(emulator, "control");
    const campaignId = await createCampaign(shop, 2_500);
    // A small, slow bucket, so the push is still running when paused.
    const { buckets } = emulator.runtime;
    const fast = buckets.config;
    buckets.config = { ...fast, maximumAvailable: 30, restoreRate: 40 };
    onTestFinished(() => {
      buckets.config = fast;
    });
    await control.startPush(shop, campaignId);
    await startWorker(shop);
    await waitFor(
      async () => (await db.code.count({ where: { campaignId, pushState: "live" } })) >= 250,
      async () => null,
    );
    expect(await control.pausePush(shop, campaignId)).toEqual({ ok: true });
    // Once the chunks already sent are settled, nothing moves while paused.
    await waitFor(
      async () =>
        (await db.pushChunk.count({
          where: {
            campaignId,
            OR: [{ state: "submitted" }, { state: "pending", attempts: { gt: 0 } }],
          },
        })) === 0,
      async () => null,
    );
    const pausedLive = await db.code.count({ where: { campaignId, pushState: "live" } });
    expect(pausedLive).toBeLessThan(2_500);
    expect((await codeSets(emulator, shop, campaignId)).shopify).toHaveLength(pausedLive);

    expect(await control.resumePush(shop, campaignId)).toEqual({ ok: true });
    await waitFor(
      async () => (await db.code.count({ where: { campaignId, pushState: "live" } })) > pausedLive,
      async () => null,
    );
    expect(await control.cancelPush(shop, campaignId)).toEqual({ ok: true });
    await waitFor(
      async () =>
        (await db.pushChunk.count({
          where: { campaignId, state: { in: ["pending", "submitted"] } },
        })) === 0,
      async () => null,
    );
    expect(await status(campaignId)).toBe("cancelled");
    const counts = await db.code.groupBy({
      by: ["pushState"],
      where: { campaignId },
      _count: { _all: true },
    });
    const byState = Object.fromEntries(counts.map((c) => [c.pushState, c._count._all]));
    expect(byState.pending ?? 0).toBe(0);
    expect(byState.queued ?? 0).toBe(0);
    expect((byState.live ?? 0) + (byState.removed ?? 0)).toBe(2_500);
    const sets = await codeSets(emulator, shop, campaignId);
    expect(sets.shopify).toEqual(sets.database);
    expect(await control.startPush(shop, campaignId)).toMatchObject({ ok: false });
  });

  it("removes a campaign's unused codes from Shopify, keeping redeemed and used ones", async () => {
    const { emulator } = harness;
    const { control, db } = await app();
    const shop = await installShop(emulator, "remove");
    const campaignId = await createCampaign(shop, 700);
    await control.startPush(shop, campaignId);
    await startWorker(shop);
    await untilActive(shop, campaignId);

    const [redeemed, usedInShopify] = await db.code.findMany({
      where: { campaignId },
      take: 2,
      orderBy: { id: "asc" },
    });
    await db.code.update({ where: { id: redeemed!.id }, data: { status: "redeemed" } });
    const record = getShop(emulator.state, shop)!;
    for (const code of [redeemed!.code, usedInShopify!.code]) {
      const found = findRedeemCode(emulator.state, record, code)!;
      expect(
        recordCodeUsage(emulator.state, record, found.redeemCode.id, null, "buyer@example.com").ok,
      ).toBe(true);
    }

    const request = await control.requestCodeRemoval(shop, campaignId);
    expect(request).toEqual({ ok: true, queued: 699 });
    await waitFor(
      async () =>
        (await db.pushChunk.count({
          where: { campaignId, kind: "delete", state: { in: ["pending", "submitted"] } },
        })) === 0 && (await db.code.count({ where: { campaignId, pushState: "queued" } })) === 0,
      async () => null,
    );
    const sets = await codeSets(emulator, shop, campaignId);
    expect(sets.shopify).toEqual([redeemed!.code, usedInShopify!.code].sort());
    expect(sets.database).toEqual(sets.shopify);
    expect(await db.code.count({ where: { campaignId, pushState: "removed" } })).toBe(698);
    const kept = await db.code.findUniqueOrThrow({ where: { id: usedInShopify!.id } });
    expect(kept.pushError).toMatch(/^Kept in Shopify: it has been used at checkout/);
  });
});
