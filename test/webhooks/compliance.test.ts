// The mandatory compliance webhooks and app/uninstalled through the real routes, and every shop's
// data staying its own.
import { describe, expect, it } from "vitest";
import { configureApp, deliver, sample } from "./signed-delivery";
import { newShop, seedCampaign } from "./seed";
import { orderBody } from "./order-bodies";

configureApp();
const { default: db } = await import("~/db.server");
const { sessionStorage } = await import("~/shopify.server");
const { Session } = await import("@shopify/shopify-api");
const { getAnomaly, dismissAnomaly, listCampaignAnomalies } =
  await import("~/anomalies/anomalies.server");
const { revokeAllocation, revokeFromAnomaly } = await import("~/anomalies/revoke.server");
const { campaignPage } = await import("~/campaigns/campaign-detail.server");
const { listCampaigns } = await import("~/campaigns/campaigns.server");
const { erasuresSettled } = await import("~/compliance/erasure.server");

const CUSTOMER = "207119551";
const EMAIL = "bob.norman@mail.example.com";

/** Shopify's sample body for the topic, for our shop and customer. */
function complianceBody(
  file: string,
  shop: string,
  customer = { id: Number(CUSTOMER), email: EMAIL },
) {
  const body = JSON.parse(sample(file)) as Record<string, unknown>;
  body.shop_domain = shop;
  if ("customer" in body) body.customer = { ...(body.customer as object), ...customer };
  if ("orders_requested" in body) body.orders_requested = [];
  if ("orders_to_redact" in body) body.orders_to_redact = [];
  return JSON.stringify(body);
}

/** Two shops with the same customer's order, each with a code that was never distributed. */
async function twoShops(prefix: string) {
  const mine = await seedCampaign(newShop(prefix), { status: "allocated" });
  const theirs = await seedCampaign(newShop(`${prefix}-other`), { status: "allocated" });
  for (const s of [mine, theirs]) {
    expect((await deliver("orders/create", orderBody("paid"), { shop: s.shop })).status).toBe(200);
  }
  return { mine, theirs };
}

describe("customers/data_request", () => {
  it("records what OneCode holds about the customer in this shop, and only that", async () => {
    const { mine } = await twoShops("dr");
    const body = complianceBody("customers-data-request.json", mine.shop);
    expect((await deliver("customers/data_request", body, { shop: mine.shop })).status).toBe(200);
    const entry = await db.auditLog.findFirstOrThrow({
      where: { shop: mine.shop, action: "customer_data_request" },
    });
    const details = entry.details as { redemptions: Record<string, unknown>[] };
    expect(details.redemptions).toEqual([
      expect.objectContaining({
        orderId: "450789469",
        code: "TENOFF",
        personalData: ["customer id", "email"],
      }),
    ]);
  });

  it("keeps no email in its record, so the record outlives no one's address", async () => {
    const { mine } = await twoShops("dr-mail");
    // A request naming the customer by email only: the record cannot be found by customer id.
    const body = complianceBody("customers-data-request.json", mine.shop, {
      id: null as unknown as number,
      email: EMAIL,
    });
    expect((await deliver("customers/data_request", body, { shop: mine.shop })).status).toBe(200);
    const entries = await db.auditLog.findMany({
      where: { shop: mine.shop, action: "customer_data_request" },
    });
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0])).not.toContain(EMAIL);
    expect(JSON.stringify(entries[0])).toContain("450789469");
  });
});

describe("customers/redact", () => {
  it("erases the customer's personal data and keeps the anonymous totals", async () => {
    const { mine, theirs } = await twoShops("cr");
    const body = complianceBody("customers-redact.json", mine.shop);
    expect((await deliver("customers/redact", body, { shop: mine.shop })).status).toBe(200);
    await erasuresSettled();
    const [row] = await db.redemption.findMany({ where: { shop: mine.shop } });
    expect(row).toMatchObject({
      customerId: null,
      customerEmail: null,
      code: "TENOFF",
      state: "paid",
    });
    expect(row!.total.toString()).toBe("598.94");
    // The same person's order in another shop is that shop's business.
    const [other] = await db.redemption.findMany({ where: { shop: theirs.shop } });
    expect(other).toMatchObject({ customerId: CUSTOMER, customerEmail: EMAIL });
  });

  it("finds the customer by email too, whatever its case", async () => {
    const { mine } = await twoShops("cr-mail");
    const body = complianceBody("customers-redact.json", mine.shop, {
      id: 1,
      email: EMAIL.toUpperCase(),
    });
    await deliver("customers/redact", body, { shop: mine.shop });
    await erasuresSettled();
    const [row] = await db.redemption.findMany({ where: { shop: mine.shop } });
    expect(row).toMatchObject({ customerId: null, customerEmail: null });
  });
});

describe("shop/redact", () => {
  it("removes everything held for the shop and nothing of another", async () => {
    const { mine, theirs } = await twoShops("sr");
    // Both shops' reports were viewed: their daily sums exist.
    const { refreshRollup } = await import("~/reports/rollup.server");
    for (const { shop } of [mine, theirs])
      expect(await refreshRollup(shop, "UTC")).toBeGreaterThan(0);
    const body = complianceBody("shop-redact.json", mine.shop);
    expect((await deliver("shop/redact", body, { shop: mine.shop })).status).toBe(200);
    await erasuresSettled();
    for (const model of [
      "campaign",
      "code",
      "redemption",
      "anomaly",
      "allocation",
      "partner",
      "auditLog",
      "reportDay",
      "reportRollup",
    ] as const) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one count per model
      const count = await (db[model] as any).count({ where: { shop: mine.shop } });
      expect(count, model).toBe(0);
    }
    expect(await db.shop.count({ where: { domain: mine.shop } })).toBe(0);
    expect(await db.redemption.count({ where: { shop: theirs.shop } })).toBe(1);
    expect(await db.code.count({ where: { shop: theirs.shop } })).toBe(1);
    expect(await db.reportDay.count({ where: { shop: theirs.shop } })).toBeGreaterThan(0);
    // Only the record of this very event stays, so Shopify's retry of it does nothing.
    expect(await db.webhookEvent.count({ where: { shop: mine.shop } })).toBe(1);
  });
});

describe("app/uninstalled", () => {
  it("ends the shop's sessions and marks it uninstalled, once", async () => {
    const seeded = await seedCampaign(newShop("un"));
    await sessionStorage.storeSession(
      new Session({
        id: `offline_${seeded.shop}`,
        shop: seeded.shop,
        state: "",
        isOnline: false,
        accessToken: "shpat_x",
      }),
    );
    const body = sample("app-uninstalled.json");
    expect((await deliver("app/uninstalled", body, { shop: seeded.shop })).status).toBe(200);
    expect(await db.session.count({ where: { shop: seeded.shop } })).toBe(0);
    expect(await db.shop.findUnique({ where: { domain: seeded.shop } })).toMatchObject({
      state: "uninstalled",
    });
  });
});

describe("another shop's data", () => {
  it("cannot be read or changed through the app's data-access functions", async () => {
    const { mine, theirs } = await twoShops("iso");
    const [anomaly] = await db.anomaly.findMany({ where: { shop: theirs.shop } });
    const [redemption] = await db.redemption.findMany({ where: { shop: theirs.shop } });
    expect(anomaly?.kind).toBe("never_distributed");

    // Campaigns
    expect((await listCampaigns(mine.shop)).map((c) => c.id)).not.toContain(theirs.campaignId);
    // The campaign page is where a shop reads a campaign's redemptions.
    expect(await campaignPage(mine.shop, theirs.campaignId, "UTC")).toBeNull();
    expect(await listCampaignAnomalies(mine.shop, theirs.campaignId)).toEqual([]);
    // Anomalies by id
    expect(await getAnomaly(mine.shop, anomaly!.id)).toBeNull();
    expect(await dismissAnomaly(mine.shop, anomaly!.id, "staff:1")).toBe(false);
    // Codes: revoking their allocation, directly or through their anomaly
    expect(await revokeAllocation(mine.shop, theirs.allocationId, "staff:1")).toEqual({
      ok: false,
      code: "allocation_not_found",
      message: "This shop has no such allocation",
    });
    expect(await revokeFromAnomaly(mine.shop, anomaly!.id, "staff:1")).toMatchObject({ ok: false });
    // A compliance request naming their customer touches only our shop's rows.
    await deliver("customers/redact", complianceBody("customers-redact.json", mine.shop), {
      shop: mine.shop,
    });
    await erasuresSettled();

    expect(await db.anomaly.findUniqueOrThrow({ where: { id: anomaly!.id } })).toMatchObject({
      status: "open",
    });
    expect(await db.redemption.findUniqueOrThrow({ where: { id: redemption!.id } })).toMatchObject({
      customerId: CUSTOMER,
    });
    expect(await db.code.count({ where: { shop: theirs.shop, status: "revoked" } })).toBe(0);
    expect(
      await db.allocation.findUniqueOrThrow({ where: { id: theirs.allocationId } }),
    ).toMatchObject({
      revokedAt: null,
    });
  });
});
