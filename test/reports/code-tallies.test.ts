// The code tallies the campaign and allocation pages read (docs/decisions/026-code-tallies.md)
// match a real count of the codes after each of the app's flows that adds, moves or removes codes.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { configureApp, deliver, sample } from "../webhooks/signed-delivery";
import { newShop, seedCampaign, seedManyCodes } from "../webhooks/seed";
import { orderBody, withCodes } from "../webhooks/order-bodies";

configureApp();
const { default: db } = await import("~/db.server");
const { campaignCodeTallies, allocationCodeTallies, foldTallies } =
  await import("~/reports/code-tallies.server");
const { resolveDatabaseTarget } = await import("~/db/database-url");
const target = resolveDatabaseTarget();
const { pushProgress } = await import("~/push/progress.server");
const { listAllocations } = await import("~/partners/allocation-counts.server");
const { allocateCodes } = await import("~/partners/allocate.server");
const { handOutAllocation } = await import("~/partners/hand-out.server");
const { revokeAllocation } = await import("~/anomalies/revoke.server");
const { erasuresSettled } = await import("~/compliance/erasure.server");

type Key = string;
const key = (allocationId: string | null, status: string, pushState: string): Key =>
  `${allocationId ?? ""}|${status}|${pushState}`;

/** The codes counted one by one: what the tallies must say. */
async function realCounts(shop: string, campaignId: string): Promise<Map<Key, number>> {
  const groups = await db.code.groupBy({
    by: ["allocationId", "status", "pushState"],
    where: { shop, campaignId },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [key(g.allocationId, g.status, g.pushState), g._count._all]));
}

async function tallied(shop: string, campaignId: string): Promise<Map<Key, number>> {
  const rows = await campaignCodeTallies(shop, campaignId);
  return new Map(rows.map((r) => [key(r.allocationId, r.status, r.pushState), r.count]));
}

async function expectExact(shop: string, campaignId: string) {
  expect(await tallied(shop, campaignId)).toEqual(await realCounts(shop, campaignId));
}

describe("code tallies", () => {
  it("follow minting, allocating, handing out, redeeming and revoking", async () => {
    // Codes made one by one, allocated and handed out by the app's own paths.
    const s = await seedCampaign(newShop("tally"), { codes: ["TALLYA", "TALLYB", "TALLYC"] });
    await expectExact(s.shop, s.campaignId);
    expect(await tallied(s.shop, s.campaignId)).toEqual(
      new Map([[key(s.allocationId, "distributed", "live"), 3]]),
    );

    // Codes made in bulk by one statement, then some of them allocated to a second partner.
    await seedManyCodes(s.shop, s.campaignId, 500);
    await expectExact(s.shop, s.campaignId);
    const partner = await db.partner.create({ data: { shop: s.shop, name: "Second" } });
    const second = await allocateCodes(
      s.shop,
      { campaignId: s.campaignId, target: { partnerId: partner.id }, quantity: 120 },
      "staff",
    );
    if (!second.ok) throw new Error(second.message);
    await expectExact(s.shop, s.campaignId);
    const handed = await handOutAllocation(s.shop, second.allocationId, "staff");
    expect(handed.ok).toBe(true);
    await expectExact(s.shop, s.campaignId);

    // An order redeems one of the first partner's codes.
    const paid = await deliver("orders/paid", withCodes(["TALLYA"], "paid"), { shop: s.shop });
    expect(paid.status).toBe(200);
    expect(await db.code.findFirst({ where: { shop: s.shop, code: "TALLYA" } })).toMatchObject({
      status: "redeemed",
    });
    await expectExact(s.shop, s.campaignId);

    // Revoking the second allocation takes its unredeemed codes out of circulation.
    const revoked = await revokeAllocation(s.shop, second.allocationId, "staff");
    expect(revoked).toMatchObject({ ok: true, revoked: 120 });
    await expectExact(s.shop, s.campaignId);

    // What the pages show comes from the tallies and agrees with them.
    const progress = await pushProgress(s.shop, s.campaignId);
    const real = await realCounts(s.shop, s.campaignId);
    const sum = (f: (k: string[]) => boolean) =>
      [...real].filter(([k]) => f(k.split("|"))).reduce((n, [, v]) => n + v, 0);
    expect(progress?.codes.live).toBe(sum(([, , push]) => push === "live"));
    expect(progress?.codes.removed).toBe(sum(([, , push]) => push === "removed"));
    expect(progress?.unusedLive).toBe(
      sum(([, status, push]) => push === "live" && status !== "redeemed"),
    );
    const allocations = await listAllocations(s.shop, { campaignId: s.campaignId });
    const first = allocations.find((a) => a.id === s.allocationId)!;
    expect(first.counts).toEqual({ allocated: 0, handedOut: 2, redeemed: 1, revoked: 0 });
    const byAllocation = await allocationCodeTallies(s.shop, [second.allocationId]);
    expect(byAllocation.reduce((n, r) => n + r.count, 0)).toBe(120);
  });

  it("count only the shop's own codes and leave with the shop's data", async () => {
    const mine = await seedCampaign(newShop("tally-mine"), { status: "allocated" });
    const theirs = await seedCampaign(newShop("tally-theirs"), { status: "allocated" });
    await seedManyCodes(mine.shop, mine.campaignId, 300);
    // Another shop asking for this campaign's tallies sees nothing.
    expect(await campaignCodeTallies(theirs.shop, mine.campaignId)).toEqual([]);
    expect(await allocationCodeTallies(theirs.shop, [mine.allocationId])).toEqual([]);

    const body = JSON.parse(sample("shop-redact.json")) as Record<string, unknown>;
    body.shop_domain = mine.shop;
    const redact = await deliver("shop/redact", JSON.stringify(body), { shop: mine.shop });
    expect(redact.status).toBe(200);
    await erasuresSettled();
    expect(await db.codeTally.count({ where: { shop: mine.shop } })).toBe(0);
    await expectExact(theirs.shop, theirs.campaignId);
    expect(await db.codeTally.count({ where: { shop: theirs.shop } })).toBeGreaterThan(0);
  });

  it("stay exact when an order for a code arrives twice and is then cancelled", async () => {
    const s = await seedCampaign(newShop("tally-twice"));
    for (const topic of ["orders/create", "orders/paid", "orders/cancelled"] as const) {
      const stage =
        topic === "orders/create" ? "created" : topic === "orders/paid" ? "paid" : "cancelled";
      expect((await deliver(topic, orderBody(stage), { shop: s.shop })).status).toBe(200);
      await expectExact(s.shop, s.campaignId);
    }
  });

  it.skipIf(target.provider !== "postgresql")(
    "on PostgreSQL, fold the rows of several connections into one per key, counts unchanged",
    async () => {
      if (target.provider !== "postgresql") return;
      const s = await seedCampaign(newShop("tally-fold"), { status: "available" });
      await seedManyCodes(s.shop, s.campaignId, 50);
      // Another process's connection (as a second app instance would have) changes codes too.
      const other = new pg.Client({ connectionString: target.connectionString });
      await other.connect();
      try {
        await other.query(`SET search_path TO "${target.schema}"`);
        await other.query(
          `UPDATE "Code" SET "status" = 'revoked' WHERE "id" IN
            (SELECT "id" FROM "Code" WHERE "campaignId" = $1 ORDER BY "id" LIMIT 20)`,
          [s.campaignId],
        );
      } finally {
        await other.end();
      }
      const slots = async () =>
        (await db.codeTally.findMany({ where: { shop: s.shop }, select: { slot: true } })).map(
          (r) => r.slot,
        );
      expect(new Set(await slots()).size).toBeGreaterThan(1);
      await expectExact(s.shop, s.campaignId);
      await foldTallies(s.shop, s.campaignId);
      expect(new Set(await slots())).toEqual(new Set([0]));
      await expectExact(s.shop, s.campaignId);
    },
  );
});
