// shop/redact and customers/redact for a large shop: the request is recorded and answered at
// once, and the data is erased afterwards in short batches by background work, which a restart
// resumes. CODES is what CI can afford on both databases; `npm run bench:redact` erases 4,000,000.
import { describe, expect, it } from "vitest";
import { configureApp, deliver, sample } from "./signed-delivery";
import { newShop, seedCampaign, seedManyCodes } from "./seed";
import { orderBody } from "./order-bodies";

configureApp();
const { default: db } = await import("~/db.server");
const { erasuresSettled } = await import("~/compliance/erasure.server");

const CODES = 300_000;

function shopRedactBody(shop: string) {
  return JSON.stringify({
    ...(JSON.parse(sample("shop-redact.json")) as object),
    shop_domain: shop,
  });
}

describe("shop/redact for a shop with many codes", () => {
  it(`answers at once and then erases all ${CODES.toLocaleString("en")} codes`, async () => {
    const seeded = await seedCampaign(newShop("big-redact"));
    const other = await seedCampaign(newShop("big-redact-other"));
    await seedManyCodes(seeded.shop, seeded.campaignId, CODES);
    await deliver("orders/create", orderBody("paid"), { shop: seeded.shop });

    const started = Date.now();
    const response = await deliver("shop/redact", shopRedactBody(seeded.shop), {
      shop: seeded.shop,
    });
    expect(response.status).toBe(200);
    // Shopify gives a webhook 5 s; the answer must not wait for the erasure.
    expect(Date.now() - started).toBeLessThan(2_000);

    await erasuresSettled();
    for (const model of ["code", "campaign", "redemption", "allocation", "partner"] as const) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one count per model
      expect(await (db[model] as any).count({ where: { shop: seeded.shop } }), model).toBe(0);
    }
    expect(await db.shop.count({ where: { domain: seeded.shop } })).toBe(0);
    expect(await db.code.count({ where: { shop: other.shop } })).toBe(1);
  }, 240_000);
});

describe("an erasure interrupted part way", () => {
  it("is finished by the next run, as after a restart", async () => {
    const { runErasures, stopErasures } = await import("~/compliance/erasure.server");
    const seeded = await seedCampaign(newShop("resume-redact"));
    await seedManyCodes(seeded.shop, seeded.campaignId, 50_000);
    await deliver("shop/redact", shopRedactBody(seeded.shop), { shop: seeded.shop });
    // The process stops (a deploy) after the batch in hand.
    await stopErasures();
    expect(await db.code.count({ where: { shop: seeded.shop } })).toBeGreaterThan(0);
    expect(await db.erasure.count({ where: { shop: seeded.shop, finishedAt: null } })).toBe(1);

    await runErasures();
    expect(await db.code.count({ where: { shop: seeded.shop } })).toBe(0);
    expect(await db.shop.count({ where: { domain: seeded.shop } })).toBe(0);
    expect(await db.erasure.findFirst({ where: { shop: seeded.shop } })).toMatchObject({
      finishedAt: expect.any(Date),
    });
  });
});

describe("customers/redact in a shop with many codes", () => {
  it("answers at once, then unbinds the customer's codes and keeps no trace of whom", async () => {
    const customer = "207119551";
    const seeded = await seedCampaign(newShop("big-cust"), { boundCustomerId: customer });
    await seedManyCodes(seeded.shop, seeded.campaignId, 100_000);
    await deliver("orders/create", orderBody("paid"), { shop: seeded.shop });
    const body = JSON.stringify({
      ...(JSON.parse(sample("customers-redact.json")) as object),
      shop_domain: seeded.shop,
      customer: { id: Number(customer), email: "bob.norman@mail.example.com", phone: null },
      orders_to_redact: [],
    });
    const started = Date.now();
    expect((await deliver("customers/redact", body, { shop: seeded.shop })).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    await erasuresSettled();
    expect(await db.code.count({ where: { shop: seeded.shop, boundCustomerId: customer } })).toBe(
      0,
    );
    expect(
      await db.redemption.count({ where: { shop: seeded.shop, customerId: { not: null } } }),
    ).toBe(0);
    // The request named the customer; once carried out, its record does not.
    const erasure = await db.erasure.findFirstOrThrow({ where: { shop: seeded.shop } });
    expect(erasure.finishedAt).not.toBeNull();
    expect(JSON.stringify(erasure)).not.toContain("bob.norman");
  });
});
