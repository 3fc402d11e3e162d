// Customer-bound campaigns against the real database (SQLite, or PostgreSQL when DATABASE_URL
// names one): the create form's submission, issuing more codes later, and collisions redrawn.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { resolveDatabaseTarget } from "~/db/database-url";
import { verifyBoundCode } from "@onecode/checkout-rules/bound-code";
import { runCampaignAction } from "~/campaigns/campaign-actions.server";
import { insertBoundCodes } from "~/campaigns/bound-codes.server";
import { submitNewCampaign } from "~/campaigns/campaigns.server";
import { parseFormat } from "~/codes/format";
import { systemRandom, type RandomSource } from "~/codes/generator";

const shop = `bound-${randomBytes(4).toString("hex")}.myshopify.com`;
afterAll(async () => {
  await db.code.deleteMany({ where: { shop } });
  await db.shop.deleteMany({ where: { domain: shop } });
});

function newCampaignForm(customers: { text?: string; file?: string }): FormData {
  const form = new FormData();
  const fields: Record<string, string> = {
    name: "VIP thank-you",
    startsAt: "2026-01-01T00:00",
    audience: "customers",
    formatMode: "length",
    length: "6",
    prefix: "VIP-",
    rules: JSON.stringify({
      v: 1,
      reward: { kind: "amount", target: "order", value: { percent: 15 } },
    }),
    customerIds: customers.text ?? "",
  };
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  if (customers.file) {
    form.set("customersFile", new File([customers.file], "customers_export.csv"));
  }
  return form;
}

async function codesOf(campaignId: string) {
  return db.code.findMany({ where: { shop, campaignId }, orderBy: { id: "asc" } });
}

describe(`issuing customer-bound codes on ${resolveDatabaseTarget().provider}`, () => {
  it("creates the campaign with one distributed, pending code per customer, bound by its key", async () => {
    const created = await submitNewCampaign(
      shop,
      newCampaignForm({ text: "101\ngid://shopify/Customer/102\n103" }),
      "staff",
    );
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: created.id } });
    expect(campaign).toMatchObject({ status: "pushing", requestedCount: 3 });
    // The key's one home is the campaign's column; the stored rules never hold it.
    expect(campaign.bindingKey).toMatch(/^[0-9a-f]{64}$/);
    expect((campaign.rules as { boundKey: unknown }).boundKey).toBeNull();
    const key = campaign.bindingKey!;

    const codes = await codesOf(created.id);
    expect(codes.map((c) => c.boundCustomerId)).toEqual(["101", "102", "103"]);
    for (const code of codes) {
      expect(code).toMatchObject({
        status: "distributed",
        pushState: "pending",
        source: "generated",
      });
      expect(code.distributedAt).toBeInstanceOf(Date);
      expect(code.code).toMatch(/^VIP-[2-9A-HJKMNP-Z]{6}-[0-9A-HJKMNP-TV-Z]{8}$/);
      const owner = `gid://shopify/Customer/${code.boundCustomerId}`;
      expect(verifyBoundCode(code.code, key, owner)).toBe(true);
      expect(verifyBoundCode(code.code, key, "gid://shopify/Customer/999")).toBe(false);
    }
  });

  it("creates nothing when the list has a bad line or a duplicate, and says which", async () => {
    const before = await db.campaign.count({ where: { shop } });
    const file =
      "Customer ID,Email\n'201,a@example.com\n'201,b@example.com\nnobody,c@example.com\n";
    const result = await submitNewCampaign(shop, newCampaignForm({ file }), "staff");
    expect(result).toMatchObject({
      ok: false,
      customerProblems: [
        { line: 3, message: "Customer 201 is already on line 2." },
        { line: 4, message: expect.stringMatching(/"nobody" is not a customer id/) },
      ],
    });
    expect(await db.campaign.count({ where: { shop } })).toBe(before);
  });

  it("issues more codes later from a Shopify export, refusing customers who already have one", async () => {
    const created = await submitNewCampaign(shop, newCampaignForm({ text: "301" }), "staff");
    if (!created.ok) throw new Error(JSON.stringify(created));
    await db.campaign.update({ where: { id: created.id }, data: { status: "active" } });

    const again = new FormData();
    again.set("intent", "issue-codes");
    again.set(
      "customersFile",
      new File(["Customer ID,First Name\n'302,Ada\n'301,Grace\n"], "x.csv"),
    );
    const refused = await runCampaignAction(shop, created.id, "staff", again);
    expect(refused).toMatchObject({
      ok: false,
      problems: [{ line: 3, message: expect.stringMatching(/^Customer 301 already has a code/) }],
    });
    expect(await codesOf(created.id)).toHaveLength(1);

    const more = new FormData();
    more.set("intent", "issue-codes");
    more.set("customerIds", "302\n303");
    const issued = await runCampaignAction(shop, created.id, "staff", more);
    expect(issued).toMatchObject({ ok: true, message: expect.stringMatching(/^2 codes issued/) });
    const codes = await codesOf(created.id);
    expect(codes.map((c) => [c.boundCustomerId, c.status, c.pushState])).toEqual([
      ["301", "distributed", "pending"],
      ["302", "distributed", "pending"],
      ["303", "distributed", "pending"],
    ]);
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: created.id } });
    expect(campaign).toMatchObject({ status: "pushing", requestedCount: 3 });
  });

  it("refuses to issue bound codes in a campaign whose codes work for anyone", async () => {
    const campaign = await db.campaign.create({
      data: {
        shop,
        name: "Open",
        rules: { v: 1, campaignId: "x", reward: { kind: "freeShipping" } },
        codeFormat: { length: 10 },
        requestedCount: 0,
        startsAt: new Date(),
        status: "active",
      },
    });
    const form = new FormData();
    form.set("intent", "issue-codes");
    form.set("customerIds", "401");
    expect(await runCampaignAction(shop, campaign.id, "staff", form)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/work for anyone/),
    });
  });

  it("draws a new code for a customer whose code the shop already has, in any case", async () => {
    const created = await submitNewCampaign(shop, newCampaignForm({ text: "501" }), "staff");
    if (!created.ok) throw new Error(JSON.stringify(created));
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: created.id } });
    const format = parseFormat({ length: 6, prefix: "VIP-" });
    if (!format.ok) throw new Error("format");
    // The first draw's random bytes are all zero: its code is known, and already taken.
    let first = true;
    const random: RandomSource = (target) => {
      systemRandom(target);
      if (first) target.fill(0, 0, 6);
      first = false;
    };
    const { bindCode } = await import("@onecode/checkout-rules/bound-code");
    const taken = bindCode(campaign.bindingKey!, "VIP-222222", "502")!;
    await db.code.create({ data: { shop, campaignId: created.id, code: taken.toLowerCase() } });

    const issued = await db.$transaction((tx) =>
      insertBoundCodes(tx, {
        shop,
        campaignId: created.id,
        key: campaign.bindingKey!,
        format: format.format,
        customerIds: ["502"],
        random,
      }),
    );
    const code = issued.get("502");
    expect(code).toBeDefined();
    expect(code).not.toBe(taken);
    const row = await db.code.findFirstOrThrow({ where: { shop, code } });
    expect(row).toMatchObject({ boundCustomerId: "502", status: "distributed" });
  });
});
