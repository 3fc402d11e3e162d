import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { resolveDatabaseTarget } from "~/db/database-url";

const shop = `unique-${randomBytes(4).toString("hex")}.myshopify.com`;
const otherShop = `other-${randomBytes(4).toString("hex")}.myshopify.com`;
let campaignId = "";
let otherCampaignId = "";

async function makeCampaign(domain: string) {
  await db.shop.create({ data: { domain } });
  const campaign = await db.campaign.create({
    data: {
      shop: domain,
      status: "minting",
      name: "Uniqueness",
      rules: { version: 1 },
      codeFormat: { length: 10 },
      requestedCount: 10,
      startsAt: new Date(),
    },
  });
  return campaign.id;
}

beforeAll(async () => {
  campaignId = await makeCampaign(shop);
  otherCampaignId = await makeCampaign(otherShop);
});
afterAll(async () => {
  await db.shop.deleteMany({ where: { domain: { in: [shop, otherShop] } } });
});

describe(`the code constraint on ${resolveDatabaseTarget().provider}`, () => {
  it("refuses a second code that differs only in case, in the same shop", async () => {
    await db.code.create({ data: { shop, campaignId, code: "SUMMER-ABC123" } });
    await expect(
      db.code.create({ data: { shop, campaignId, code: "summer-abc123" } }),
    ).rejects.toMatchObject({
      code: "P2002",
    });
    // Also when the insert bypasses the ORM: the database itself enforces it.
    await expect(
      db.$executeRawUnsafe(
        `INSERT INTO "Code" ("shop", "campaignId", "code") VALUES ('${shop}', '${campaignId}', 'Summer-Abc123')`,
      ),
    ).rejects.toThrow();
    expect(await db.code.count({ where: { shop } })).toBe(1);
  });

  it("finds a code whatever case it is typed in", async () => {
    const found = await db.code.findUnique({
      where: { shop_code: { shop, code: "summer-ABC123" } },
    });
    expect(found?.code).toBe("SUMMER-ABC123");
  });

  it("lets another shop hold the same code", async () => {
    await db.code.create({
      data: { shop: otherShop, campaignId: otherCampaignId, code: "summer-abc123" },
    });
    expect(await db.code.count({ where: { code: "SUMMER-ABC123" } })).toBe(2);
  });
});
