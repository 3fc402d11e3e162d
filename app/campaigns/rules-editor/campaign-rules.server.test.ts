// Saving a campaign's rules from the edit page, on the test database (SQLite or PostgreSQL).
// Campaigns here have no Shopify discount yet; the path that updates one runs end to end in
// test/e2e/rules-editor.test.ts.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../../db.server";
import { readRules } from "@onecode/checkout-rules/rules";
import { campaignRules, saveCampaignRules, type SaveRulesCode } from "./campaign-rules.server";

const shop = `rules-${randomBytes(4).toString("hex")}.myshopify.com`;
const otherShop = `rules-other-${randomBytes(4).toString("hex")}.myshopify.com`;
const boundKey = "1a".repeat(32);
let campaignId = "";

const submitted = (rules: Record<string, unknown>) =>
  JSON.stringify({
    v: 1,
    campaignId: "what-the-browser-says",
    boundKey: null,
    reward: { kind: "amount", target: "order", value: { percent: 10 } },
    ...rules,
  });

beforeAll(async () => {
  await db.shop.createMany({ data: [{ domain: shop }, { domain: otherShop }] });
  const campaign = await db.campaign.create({
    data: {
      shop,
      status: "active",
      name: "Editable",
      rules: { v: 1, campaignId: "x", boundKey, reward: { kind: "freeShipping" } },
      codeFormat: { length: 10 },
      requestedCount: 10,
      startsAt: new Date(),
      bindingKey: boundKey,
    },
  });
  campaignId = campaign.id;
  await db.campaign.update({
    where: { id: campaignId },
    data: { rules: { v: 1, campaignId, boundKey, reward: { kind: "freeShipping" } } },
  });
});

afterAll(async () => {
  await db.shop.deleteMany({ where: { domain: { in: [shop, otherShop] } } });
});

describe("saving a campaign's rules", () => {
  it("stores the validated document with the campaign's own id, keeps its key, and says Shopify gets it later", async () => {
    const result = await saveCampaignRules(
      shop,
      campaignId,
      submitted({ excludeCollectionIds: ["gid://shopify/Collection/5"] }),
      "staff-1",
    );
    expect(result).toEqual({ ok: true, shopify: "no-discount-yet", problem: null });
    const stored = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(readRules(stored.rules)).toMatchObject({
      campaignId,
      excludeCollectionIds: ["gid://shopify/Collection/5"],
      reward: { kind: "amount", value: { percent: 10 } },
    });
    // The key stays where it lives, in the campaign's column, and leaves the stored rules.
    expect(stored.bindingKey).toBe(boundKey);
    expect(readRules(stored.rules)?.boundKey).toBeNull();
    const audit = await db.auditLog.findFirst({
      where: { shop, subjectId: campaignId, action: "campaign.rules.updated" },
    });
    expect(audit?.actor).toBe("staff-1");
  });

  it("refuses invalid rules with the path of each error, and keeps what was stored", async () => {
    const before = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    const result = await saveCampaignRules(
      shop,
      campaignId,
      submitted({ minSubtotal: { amount: "-1", eligibleOnly: false } }),
      "staff-1",
    );
    expect(result).toEqual({
      ok: false,
      code: "invalid_rules",
      message: "Correct the rules marked in the form.",
      ruleErrors: [
        {
          path: "minSubtotal.amount",
          message: 'Expected a positive amount such as "10" or "10.50".',
        },
      ],
    });
    const after = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(after.rules).toEqual(before.rules);
  });

  it("finds no campaign of another shop, to read or to save", async () => {
    expect(await campaignRules(otherShop, campaignId)).toBeNull();
    expect(await saveCampaignRules(otherShop, campaignId, submitted({}), "staff-2")).toEqual({
      ok: false,
      code: "not_found",
      message: "This campaign does not exist in this store.",
    });
  });

  it("reads back what was saved, for the editor", async () => {
    const view = await campaignRules(shop, campaignId);
    expect(view).toMatchObject({ id: campaignId, name: "Editable", hasDiscount: false });
    expect(view?.rules?.excludeCollectionIds).toEqual(["gid://shopify/Collection/5"]);
  });

  it.each([
    ["not_found", () => saveCampaignRules(otherShop, campaignId, submitted({}), "staff-3")],
    ["no_rules", () => saveCampaignRules(shop, campaignId, null, "staff-3")],
    ["unreadable", () => saveCampaignRules(shop, campaignId, "{not json", "staff-3")],
    ["invalid_rules", () => saveCampaignRules(shop, campaignId, submitted({ v: 9 }), "staff-3")],
  ] satisfies [SaveRulesCode, () => Promise<unknown>][])(
    "a save answers %s",
    async (code, save) => {
      expect(await save()).toMatchObject({
        ok: false,
        code,
        message: expect.stringMatching(/^\S.*\.$/),
      });
    },
  );
});
