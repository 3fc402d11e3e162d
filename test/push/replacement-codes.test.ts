// Every failure code of the replacements minted for codes Shopify refused, on the real database.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { resolveDatabaseTarget } from "~/db/database-url";
import { mintReplacements, type ReplacementCode } from "~/push/replacements.server";

const shop = `replace-${randomBytes(4).toString("hex")}.myshopify.com`;
afterAll(async () => {
  await db.code.deleteMany({ where: { shop } });
  await db.campaign.deleteMany({ where: { shop } });
  await db.shop.deleteMany({ where: { domain: shop } });
});

async function campaignWith(codeFormat: object, codes: string[] = []) {
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
  const campaign = await db.campaign.create({
    data: {
      shop,
      name: "R",
      rules: {},
      codeFormat,
      requestedCount: 0,
      startsAt: new Date(),
      status: "pushing",
    },
  });
  for (const code of codes) await db.code.create({ data: { shop, campaignId: campaign.id, code } });
  return campaign;
}

describe(`replacement failure codes on ${resolveDatabaseTarget().provider}`, () => {
  it.each([
    ["format_invalid", () => campaignWith({})],
    // Both codes the format can make are the shop's already.
    ["format_exhausted", () => campaignWith({ pattern: "#", alphabet: "AB" }, ["A", "B"])],
  ] satisfies [ReplacementCode, () => ReturnType<typeof campaignWith>][])(
    "answers %s",
    async (code, make) => {
      const campaign = await make();
      const result = await db.$transaction((tx) => mintReplacements(tx, campaign, [null]));
      expect(result).toMatchObject({
        ok: false,
        code,
        message: expect.stringMatching(/^No replacement could be made/),
      });
    },
  );
});
