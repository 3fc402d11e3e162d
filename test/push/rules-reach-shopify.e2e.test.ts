// Rules saved while something else writes the campaign's discount still end up in Shopify. A save
// while the discount is being created finds no discount to update, and the create already on its
// way carries the rules as they were: once the push has the discount, Shopify must hold the rules
// the merchant saved. Two saves at once: Shopify keeps whichever update arrives last, which must
// not leave it with the older rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDiscount, getShop, listMetafields } from "../../emulator/store/index";
import {
  createCampaign,
  FAST_WORKER,
  installShop,
  startPushEmulator,
  waitFor,
  type PushEmulator,
} from "./harness";
import { startHoldingProxy, type HoldingProxy } from "./holding-proxy";

let harness: PushEmulator;
let proxy: HoldingProxy;
const workers: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  harness = await startPushEmulator();
  // The app reaches the emulator through the proxy, so a request can be held on its way.
  proxy = await startHoldingProxy(harness.emulator.url);
  process.env.SHOPIFY_EMULATOR_URL = proxy.url;
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await proxy.close();
  await harness.emulator.close();
});

const app = async () => ({
  db: (await import("../../app/db.server")).default,
  control: await import("../../app/push/control.server"),
  progress: await import("../../app/push/progress.server"),
  worker: await import("../../app/push/worker.server"),
  rules: await import("../../app/campaigns/rules-editor/campaign-rules.server"),
});

const fiftyOff = {
  v: 1,
  campaignId: "x",
  reward: { kind: "amount", target: "order", value: { percent: 50 } },
};
const tenOffOver100 = {
  v: 1,
  campaignId: "x",
  minSubtotal: { amount: "100", eligibleOnly: false },
  reward: { kind: "amount", target: "order", value: { percent: 10 } },
};

describe("rules saved while the campaign's discount is being created", () => {
  it("reach Shopify once the discount exists", async () => {
    const { emulator } = harness;
    const { control, db, progress, worker, rules } = await app();
    const shop = await installShop(emulator, "rules-race");
    const campaignId = await createCampaign(shop, 20);
    await db.campaign.update({ where: { id: campaignId }, data: { rules: fiftyOff } });

    let saved: unknown = null;
    const held = proxy.holdOnce("discountCodeAppCreate", async () => {
      saved = await rules.saveCampaignRules(
        shop,
        campaignId,
        JSON.stringify(tenOffOver100),
        "staff",
      );
    });
    expect(await control.startPush(shop, campaignId)).toEqual({ ok: true });
    workers.push(new worker.PushWorker({ ...FAST_WORKER, onlyShops: [shop] }).start());
    await held;
    expect(saved).toEqual({ ok: true, shopify: "no-discount-yet", problem: null });
    await waitFor(
      async () =>
        (await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === "active",
      () => progress.pushProgress(shop, campaignId),
    );

    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign.rules).toMatchObject({
      minSubtotal: { amount: "100" },
      reward: { value: { percent: 10 } },
    });
    const record = getShop(emulator.state, shop)!;
    expect(getDiscount(record, campaign.shopifyDiscountId!)).toMatchObject({
      discountClasses: ["ORDER"],
    });
    const metafield = listMetafields(record, campaign.shopifyDiscountId!).find(
      (m) => m.key === "rules",
    );
    expect(JSON.parse(metafield!.value)).toMatchObject({
      campaignId,
      minSubtotal: { amount: "100", eligibleOnly: false },
      reward: { kind: "amount", target: "order", value: { percent: 10 } },
    });
  });

  it("two saves at once: Shopify ends with the one saved last, whichever update arrives last", async () => {
    const { emulator } = harness;
    const { control, db, progress, worker, rules } = await app();
    const shop = await installShop(emulator, "rules-twice");
    const campaignId = await createCampaign(shop, 5);
    await control.startPush(shop, campaignId);
    workers.push(new worker.PushWorker({ ...FAST_WORKER, onlyShops: [shop] }).start());
    await waitFor(
      async () =>
        (await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === "active",
      () => progress.pushProgress(shop, campaignId),
    );

    // The first save's update is held on its way; the second save runs to the end meanwhile, so
    // the first save's (older) rules reach Shopify after the second's.
    let second: unknown = null;
    const held = proxy.holdOnce("discountCodeAppUpdate", async () => {
      second = await rules.saveCampaignRules(shop, campaignId, JSON.stringify(tenOffOver100), "b");
    });
    const first = await rules.saveCampaignRules(shop, campaignId, JSON.stringify(fiftyOff), "a");
    await held;
    expect(first).toEqual({ ok: true, shopify: "updated", problem: null });
    expect(second).toEqual({ ok: true, shopify: "updated", problem: null });

    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign.rules).toMatchObject({ reward: { value: { percent: 10 } } });
    const record = getShop(emulator.state, shop)!;
    const metafield = listMetafields(record, campaign.shopifyDiscountId!).find(
      (m) => m.key === "rules",
    );
    expect(JSON.parse(metafield!.value)).toMatchObject({
      minSubtotal: { amount: "100", eligibleOnly: false },
      reward: { value: { percent: 10 } },
    });
  });
});
