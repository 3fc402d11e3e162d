// Leak and fraud signals raised by order webhooks, and revoking an allocation from one.
import { describe, expect, it } from "vitest";
import { configureApp, deliver } from "./signed-delivery";
import { newShop, seedCampaign } from "./seed";
import { orderBody } from "./order-bodies";

configureApp();
const { default: db } = await import("~/db.server");
const { checkSpike } = await import("~/anomalies/anomalies.server");
const { settled } = await import("~/attribution/after-commit.server");
const { revokeFromAnomaly } = await import("~/anomalies/revoke.server");
const { bindCode } = await import("@onecode/checkout-rules/bound-code");

async function kinds(shop: string) {
  const rows = await db.anomaly.findMany({ where: { shop }, orderBy: { kind: "asc" } });
  return rows.map((r) => r.kind);
}

function otherOrder(id: number, changes: Record<string, unknown> = {}) {
  return orderBody("paid", {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${id}`,
    ...changes,
  });
}

describe("anomalies", () => {
  it("a distributed code used once raises nothing", async () => {
    const s = await seedCampaign(newShop("clean"));
    await deliver("orders/create", orderBody("created", { referring_site: null }), {
      shop: s.shop,
    });
    expect(await kinds(s.shop)).toEqual([]);
  });

  it("a code redeemed before it was handed out is flagged once, however often delivered", async () => {
    const s = await seedCampaign(newShop("nd"), { status: "allocated" });
    await deliver("orders/create", orderBody("created"), { shop: s.shop });
    await deliver("orders/paid", orderBody("paid"), { shop: s.shop });
    expect(await kinds(s.shop)).toEqual(["never_distributed"]);
  });

  it("a code redeemed by a second order is flagged", async () => {
    const s = await seedCampaign(newShop("twice"));
    await deliver("orders/create", orderBody("created"), { shop: s.shop });
    await deliver("orders/create", otherOrder(450789470), { shop: s.shop });
    expect(await kinds(s.shop)).toEqual(["redeemed_twice"]);
    expect(await db.redemption.count({ where: { shop: s.shop } })).toBe(2);
  });

  it("a code bound to one customer and used by another is flagged", async () => {
    const s = await seedCampaign(newShop("bound"), { boundCustomerId: "999" });
    await deliver("orders/create", orderBody("created"), { shop: s.shop });
    expect(await kinds(s.shop)).toEqual(["bound_code_misuse"]);
  });

  it("a bound campaign's code is checked with its key when no customer is recorded", async () => {
    const key = "ab".repeat(32);
    const mine = bindCode(key, "RANDOMPART", "207119551")!;
    const stolen = bindCode(key, "OTHERPART", "555")!;
    const rules = {
      v: 1,
      campaignId: "cmp_bound",
      reward: { kind: "amount", target: "order", value: { percent: 10 } },
    };
    const s = await seedCampaign(newShop("bound-key"), {
      codes: [mine, stolen],
      rules,
      bindingKey: key,
    });
    const codes = (code: string) => ({
      discount_codes: [{ code, amount: "10.00", type: "fixed_amount" }],
      discount_applications: [],
    });
    await deliver("orders/create", orderBody("created", codes(mine)), { shop: s.shop });
    await deliver("orders/create", otherOrder(450789471, codes(stolen)), { shop: s.shop });
    const flagged = await db.anomaly.findMany({ where: { shop: s.shop } });
    expect(flagged.map((a) => [a.kind, a.orderId])).toEqual([["bound_code_misuse", "450789471"]]);
  });

  it("an order referred by a coupon site is flagged", async () => {
    const s = await seedCampaign(newShop("coupon"));
    const body = orderBody("created", {
      referring_site: "https://www.retailmenot.com/view/example.com",
    });
    await deliver("orders/create", body, { shop: s.shop });
    const [anomaly] = await db.anomaly.findMany({ where: { shop: s.shop } });
    expect(anomaly).toMatchObject({ kind: "coupon_site_referral", orderId: "450789469" });
    expect(anomaly!.details).toMatchObject({ site: "retailmenot.com" });
  });

  it("a landing page tagged with a coupon site listed in the shop's settings is flagged", async () => {
    const s = await seedCampaign(newShop("coupon-settings"));
    await db.shop.update({
      where: { domain: s.shop },
      data: { settings: { couponSites: ["dealz.example"] } },
    });
    const body = orderBody("created", {
      landing_site: "/products/x?utm_source=dealz.example",
      referring_site: null,
    });
    await deliver("orders/create", body, { shop: s.shop });
    expect(await kinds(s.shop)).toEqual(["coupon_site_referral"]);
  });

  it("a burst far above the allocation's own rate is flagged once", async () => {
    const codes = Array.from({ length: 12 }, (_, i) => `BURST-${i}`);
    const s = await seedCampaign(newShop("spike"), { codes });
    await db.allocation.update({
      where: { id: s.allocationId },
      data: { createdAt: new Date(Date.now() - 3 * 24 * 3_600_000) },
    });
    const now = new Date();
    for (const [i, code] of codes.entries()) {
      const body = otherOrder(500 + i, {
        created_at: now.toISOString(),
        discount_codes: [{ code, amount: "1.00", type: "fixed_amount" }],
        discount_applications: [],
      });
      await deliver("orders/create", body, { shop: s.shop });
    }
    await settled();
    // The checks run after each answer found the burst; asking again raises nothing new.
    expect(await checkSpike(s.shop, s.allocationId, now)).toBe(false);
    const spikes = await db.anomaly.findMany({ where: { shop: s.shop, kind: "redemption_spike" } });
    expect(spikes).toHaveLength(1);
    expect(spikes[0]!.details).toMatchObject({ lastHour: expect.any(Number), factor: 5 });
  });

  it("revoking from an anomaly revokes the allocation's unredeemed codes and a late redemption is still recorded", async () => {
    const s = await seedCampaign(newShop("revoke"), {
      codes: ["TENOFF", "LEAK-2", "LEAK-3"],
      status: "allocated",
    });
    await db.code.updateMany({
      where: { code: "LEAK-3", shop: s.shop },
      data: { pushState: "pending" },
    });
    await deliver("orders/create", orderBody("created"), { shop: s.shop });
    const [anomaly] = await db.anomaly.findMany({ where: { shop: s.shop } });
    const result = await revokeFromAnomaly(s.shop, anomaly!.id, "staff:7");
    expect(result).toEqual({ ok: true, revoked: 2, deleteChunks: 1 });
    const codes = await db.code.findMany({ where: { shop: s.shop }, orderBy: { code: "asc" } });
    expect(codes.map((c) => [c.code, c.status, c.pushState])).toEqual([
      ["LEAK-2", "revoked", "queued"],
      ["LEAK-3", "revoked", "removed"],
      ["TENOFF", "redeemed", "live"],
    ]);
    const chunk = await db.pushChunk.findFirstOrThrow({ where: { shop: s.shop, kind: "delete" } });
    // The push worker fills it with the codes awaiting removal (queued, no chunk).
    expect(chunk).toMatchObject({ state: "pending", codeCount: 0 });
    expect(codes.find((c) => c.code === "LEAK-2")?.pushChunkId).toBeNull();
    expect(
      await db.auditLog.count({
        where: { shop: s.shop, action: "allocation_revoked", actor: "staff:7" },
      }),
    ).toBe(1);
    expect(await db.anomaly.findUniqueOrThrow({ where: { id: anomaly!.id } })).toMatchObject({
      status: "revoked",
    });

    // Checkout beat Shopify's delete: the order stands, is recorded, and is flagged.
    const late = otherOrder(450789480, {
      discount_codes: [{ code: "LEAK-2", amount: "10.00", type: "fixed_amount" }],
      discount_applications: [],
    });
    await deliver("orders/create", late, { shop: s.shop });
    expect(await db.redemption.count({ where: { shop: s.shop, code: "LEAK-2" } })).toBe(1);
    const lateKinds = await db.anomaly.findMany({ where: { shop: s.shop, orderId: "450789480" } });
    expect(lateKinds.map((a) => a.kind).sort()).toEqual(["redeemed_after_revoke"]);
  });
});
