// A customer-bound campaign's binding survives what used to drop it: saving rules over stored
// rules an older version wrote (a shape today's validator refuses), and a discount in Shopify
// that lost its key. Checked at the emulator's checkout running the real discount function: a
// bound code works only for the customer it was issued to.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheckout } from "../../emulator/checkout/checkout";
import { FunctionRegistry } from "../../emulator/checkout/functions";
import {
  createCustomer,
  createProduct,
  getShop,
  listMetafields,
  setMetafield,
} from "../../emulator/store/index";
import { FAST_WORKER, installShop, startPushEmulator, waitFor, type PushEmulator } from "./harness";

let harness: PushEmulator;
const workers: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  harness = await startPushEmulator();
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await harness.emulator.close();
});

function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const percentOff = (percent: number) => ({
  v: 1,
  reward: { kind: "amount", target: "order", value: { percent } },
});

const app = async () => ({
  db: (await import("../../app/db.server")).default,
  newCampaign: await import("../../app/campaigns/campaigns.server"),
  rulesPage: await import("../../app/campaigns/rules-editor/campaign-rules.server"),
  rules: await import("@onecode/checkout-rules/rules"),
  worker: await import("../../app/push/worker.server"),
  progress: await import("../../app/push/progress.server"),
});

/** A campaign of codes bound to Ada and one more customer, created and pushed as the app does. */
async function pushedBoundCampaign(name: string) {
  const { emulator } = harness;
  const { db, newCampaign, worker, progress } = await app();
  const shop = await installShop(emulator, name);
  const record = getShop(emulator.state, shop)!;
  const ada = createCustomer(emulator.state, record, { email: "ada@example.com" });
  const grace = createCustomer(emulator.state, record, { email: "grace@example.com" });
  const hoodie = createProduct(emulator.state, record, {
    title: "Heavyweight Hoodie",
    variants: [{ priceCents: 10000 }],
  });
  const form = new FormData();
  const fields: Record<string, string> = {
    name: "Ada's thank-you",
    startsAt: localDateTime(new Date(Date.now() - 86_400_000)),
    audience: "customers",
    formatMode: "length",
    length: "8",
    rules: JSON.stringify(percentOff(20)),
    customerIds: `${ada.id}\n7000000000001`,
  };
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const created = await newCampaign.submitNewCampaign(shop, form, "staff");
  if (!created.ok) throw new Error(JSON.stringify(created));
  workers.push(new worker.PushWorker({ ...FAST_WORKER, onlyShops: [shop] }).start());
  await waitFor(
    async () =>
      (await db.campaign.findUniqueOrThrow({ where: { id: created.id } })).status === "active",
    () => progress.pushProgress(shop, created.id),
    20_000,
  );
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: created.id } });
  const code = (
    await db.code.findFirstOrThrow({
      where: { campaignId: created.id, boundCustomerId: ada.id.split("/").pop() },
    })
  ).code;

  /** Checkout of the hoodie with Ada's code, as `customerId`. */
  const checkout = (customerId: string) =>
    runCheckout(emulator.state, new FunctionRegistry(), shop, {
      lines: [{ variantId: hoodie.variants[0]!.id, quantity: 1 }],
      discountCodes: [code],
      customerId,
    });
  // The function's own reason, shown to the shopper.
  const refusal = [{ code, message: "This code belongs to another account." }];
  return { shop, record, ada, grace, campaign, checkout, refusal };
}

describe("a customer-bound campaign's binding", () => {
  it("survives a rules save over stored rules of an older shape", async () => {
    const { db, rulesPage, rules } = await app();
    const { shop, ada, grace, campaign, checkout, refusal } =
      await pushedBoundCampaign("bound-save");
    const key = campaign.bindingKey;
    expect(key).toMatch(/^[0-9a-f]{64}$/);

    // An older version stored the minimum spend as a bare amount, and the key in the rules.
    const older = { ...percentOff(20), campaignId: campaign.id, boundKey: key, minSubtotal: "50" };
    expect(rules.validateRules(older).ok).toBe(false);
    await db.campaign.update({ where: { id: campaign.id }, data: { rules: older } });

    const saved = await rulesPage.saveCampaignRules(
      shop,
      campaign.id,
      JSON.stringify({ ...percentOff(15), campaignId: campaign.id, boundKey: null }),
      "staff",
    );
    expect(saved).toEqual({ ok: true, shopify: "updated", problem: null });
    const after = await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(after.bindingKey).toBe(key);

    const asGrace = await checkout(grace.id);
    expect(asGrace.status).toBe(422);
    expect(asGrace.body.errors).toEqual(refusal);
    const asAda = await checkout(ada.id);
    expect(asAda.status).toBe(201);
    expect(asAda.body).toMatchObject({ subtotal: "100.00", totalDiscounts: "15.00" });
  });

  it("is sent to Shopify again when its discount chunk is reopened, as the key's migration does", async () => {
    const { emulator } = harness;
    const { db } = await app();
    const { record, ada, grace, campaign, checkout, refusal } =
      await pushedBoundCampaign("bound-resend");

    // What an earlier version's rules save left in Shopify: the rules without the key.
    const metafield = listMetafields(record, campaign.shopifyDiscountId!).find(
      (m) => m.key === "rules",
    )!;
    setMetafield(emulator.state, record, {
      ownerId: campaign.shopifyDiscountId!,
      namespace: metafield.namespace,
      key: metafield.key,
      type: metafield.type,
      value: JSON.stringify({ ...JSON.parse(metafield.value), boundKey: null }),
    });
    const sentKey = () =>
      JSON.parse(
        listMetafields(record, campaign.shopifyDiscountId!).find((m) => m.key === "rules")!.value,
      ).boundKey as unknown;
    expect(sentKey()).toBeNull();

    const chunkId = `${campaign.id}:discount`;
    await db.pushChunk.update({ where: { id: chunkId }, data: { state: "pending" } });
    await waitFor(
      async () =>
        (await db.pushChunk.findUniqueOrThrow({ where: { id: chunkId } })).state === "done",
      () => db.pushChunk.findUniqueOrThrow({ where: { id: chunkId } }),
      20_000,
    );

    expect(sentKey()).toBe(campaign.bindingKey);
    const asGrace = await checkout(grace.id);
    expect(asGrace.status).toBe(422);
    expect(asGrace.body.errors).toEqual(refusal);
    expect((await checkout(ada.id)).status).toBe(201);
  });
});
