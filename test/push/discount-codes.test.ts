// Failure codes of the campaign discount's update and of the code-rejection discount, on the real
// database. The shop has no Shopify session here, so a request to Shopify fails as it would for
// a store that uninstalled the app; Shopify's own refusals run against the emulator in
// push.e2e.test.ts.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { DiscountUpdateCode } from "~/push/discount.server";
import type { RejectionSyncCode } from "~/push/rejection-discount.server";

Object.assign(process.env, {
  SHOPIFY_API_KEY: "discount-codes-api-key",
  SHOPIFY_API_SECRET: "discount-codes-api-secret",
  SHOPIFY_APP_URL: "https://onecode.example",
  SCOPES: "write_discounts",
});
const { default: db } = await import("~/db.server");
const { resolveDatabaseTarget } = await import("~/db/database-url");
const { pacedAdminFor } = await import("~/push/admin-registry.server");
const { updateCampaignDiscount } = await import("~/push/discount.server");
const { syncRejectionDiscount } = await import("~/push/rejection-discount.server");

const shop = `discount-${randomBytes(4).toString("hex")}.myshopify.com`;
afterAll(async () => {
  await db.campaign.deleteMany({ where: { shop } });
  await db.shop.deleteMany({ where: { domain: shop } });
});

async function campaignWithDiscount(rules: object) {
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
  const campaign = await db.campaign.create({
    data: {
      shop,
      name: "D",
      rules,
      codeFormat: { length: 10 },
      requestedCount: 0,
      startsAt: new Date(),
      status: "active",
      shopifyDiscountId: "gid://shopify/DiscountCodeNode/1",
    },
  });
  return campaign.id;
}

const FREE_SHIPPING = { v: 1, reward: { kind: "freeShipping" } };

describe(`discount failure codes on ${resolveDatabaseTarget().provider}`, () => {
  it.each([
    ["not_found", async () => "no-such-campaign"],
    ["rules_invalid", () => campaignWithDiscount({ v: 1, reward: { kind: "nope" } })],
    ["shopify_failed", () => campaignWithDiscount(FREE_SHIPPING)],
  ] satisfies [DiscountUpdateCode, () => Promise<string>][])(
    "updating a campaign's discount answers %s",
    async (code, campaign) => {
      const id = await campaign();
      expect(await updateCampaignDiscount(pacedAdminFor(shop), shop, id)).toMatchObject({
        ok: false,
        code,
        message: expect.stringMatching(/^\S.*\S$/),
      });
    },
  );

  it.each([
    ["not_installed", async () => `gone-${shop}`],
    ["shopify_failed", async () => (await campaignWithDiscount(FREE_SHIPPING), shop)],
  ] satisfies [RejectionSyncCode, () => Promise<string>][])(
    "keeping the code-rejection discount answers %s",
    async (code, store) => {
      const name = await store();
      expect(await syncRejectionDiscount(pacedAdminFor(name), name)).toMatchObject({
        ok: false,
        code,
        message: expect.stringMatching(/^\S.*\S$/),
      });
    },
  );
});
