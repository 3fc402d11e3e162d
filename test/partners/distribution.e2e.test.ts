// How codes leave OneCode, each flow end to end: a campaign created through the create form, its
// codes minted and pushed into the emulator by the app's push worker, handed out the way its
// setting says (an allocation's CSV, or the full list of a campaign published as a whole), then
// redeemed at the emulator's checkout (the real discount function), whose order webhooks reach the
// app's routes signed. A correct flow raises no leak alert; a code that by the campaign's setting
// never left OneCode still does.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookServer } from "../webhooks/app-server";
import {
  FAST_WORKER,
  installShop,
  startPushEmulator,
  waitFor,
  type PushEmulator,
} from "../push/harness";
import { adminRequest, call, formOf, newCampaignFields } from "../support/admin-routes";

// The emulator registers the app's webhook subscriptions against SHOPIFY_APP_URL when it starts.
const webhookServer = await startWebhookServer();
process.env.SHOPIFY_APP_URL = webhookServer.url;
const { DEFAULT_MOUNTS } = await import("../../emulator/server");
const harness: PushEmulator = await startPushEmulator({ mounts: DEFAULT_MOUNTS });
const { createCustomer, createProduct, getShop } = await import("../../emulator/store/index");
const { webhookServiceOf } = await import("../../emulator/webhooks/registry");
const { default: db } = await import("~/db.server");
const { settled } = await import("~/attribution/after-commit.server");
const { PushWorker } = await import("~/push/worker.server");
const { pushProgress } = await import("~/push/progress.server");
const newCampaignRoute = await import("~/routes/app.campaigns.new");
const partnersRoute = await import("~/routes/app.partners._index");
const allocationsRoute = await import("~/routes/app.allocations");
const allocationCodesRoute = await import("~/routes/app.allocations.$id.codes");
const campaignCodesRoute = await import("~/routes/app.campaigns.$id.codes");

let worker: { stop(): Promise<void> } | null = null;
let shop = "";
let variantId = "";

beforeAll(async () => {
  shop = await installShop(harness.emulator, "flows");
  const record = getShop(harness.emulator.state, shop)!;
  variantId = createProduct(harness.emulator.state, record, {
    title: "Canvas Tote",
    variants: [{ priceCents: 4000 }],
  }).variants[0]!.id;
  worker = new PushWorker({ ...FAST_WORKER, onlyShops: [shop] }).start();
});
afterAll(async () => {
  await worker?.stop();
  await harness.emulator.close();
  await new Promise((resolve) => webhookServer.server.close(resolve));
});

async function post(route: { action: unknown }, path: string, fields: Record<string, string>) {
  const request = await adminRequest(shop, path, { method: "POST", body: formOf(fields) });
  return call(route.action as never, request);
}

async function get(route: { loader: unknown }, path: string, params: Record<string, string>) {
  return (await call(route.loader as never, await adminRequest(shop, path), params)) as Response;
}

async function liveCampaign(name: string, count: number, distribution: string) {
  const answer = (await post(newCampaignRoute, "/app/campaigns/new", {
    ...newCampaignFields(name, count),
    distribution,
  })) as Response;
  const id = answer.headers.get("location")!.split("/").pop()!;
  await waitFor(
    async () => (await db.campaign.findUniqueOrThrow({ where: { id } })).status === "active",
    () => pushProgress(shop, id),
    30_000,
  );
  return id;
}

async function csvCodes(response: Response): Promise<string[]> {
  expect(response.status).toBe(200);
  const rows = parse(await response.text(), { columns: true, bom: true }) as { code: string }[];
  return rows.map((row) => row.code);
}

/** A shopper buys with `code` at the emulator's checkout; the order's webhooks reach the app. */
async function redeem(code: string, email: string) {
  const record = getShop(harness.emulator.state, shop)!;
  const customer = createCustomer(harness.emulator.state, record, { email });
  const response = await fetch(`${harness.emulator.url}/store/${shop}/checkout`, {
    method: "POST",
    body: JSON.stringify({
      lines: [{ variantId, quantity: 1 }],
      customerId: customer.id,
      discountCodes: [code.toLowerCase()],
    }),
  });
  expect(response.status).toBe(201);
  await webhookServiceOf(harness.emulator.state).idle();
  await settled();
  return db.redemption.findFirstOrThrow({ where: { shop, code: code.toUpperCase() } });
}

const alerts = (campaignId: string) =>
  db.anomaly.findMany({ where: { shop, campaignId }, select: { kind: true } });

describe("a campaign whose codes leave through allocations", () => {
  it("allocated to a partner and handed out by the allocation's CSV: the redemption is credited to the partner, with no alert", async () => {
    const campaignId = await liveCampaign("Partner flow", 6, "allocations");
    await post(partnersRoute, "/app/partners", {
      name: "Tote blogger",
      kind: "influencer",
      email: "",
    });
    const partner = await db.partner.findFirstOrThrow({ where: { shop, name: "Tote blogger" } });
    expect(
      await post(allocationsRoute, "/app/allocations", {
        intent: "allocate",
        campaignId,
        to: `partner:${partner.id}`,
        quantity: "4",
      }),
    ).toMatchObject({ ok: true });
    const allocation = await db.allocation.findFirstOrThrow({ where: { campaignId } });
    const codes = await csvCodes(
      await get(allocationCodesRoute, `/app/allocations/${allocation.id}/codes`, {
        id: allocation.id,
      }),
    );
    expect(codes).toHaveLength(4);

    const redemption = await redeem(codes[0]!, "ada@example.com");
    expect(redemption).toMatchObject({
      campaignId,
      partnerId: partner.id,
      allocationId: allocation.id,
    });
    expect(redemption.discount.toString()).toBe("4");
    expect(await alerts(campaignId)).toEqual([]);
  });

  it("an allocated code that was never downloaded, or a code that only left in the full list, is flagged as never handed out", async () => {
    const campaignId = await liveCampaign("Leaky flow", 4, "allocations");
    await post(allocationsRoute, "/app/allocations", {
      intent: "allocate",
      campaignId,
      to: "channel",
      channel: "Print",
      quantity: "2",
    });
    const allocated = await db.code.findFirstOrThrow({
      where: { campaignId, status: "allocated" },
    });
    // The full list of a campaign given out through allocations is the merchant's own record.
    const listed = await csvCodes(
      await get(campaignCodesRoute, `/app/campaigns/${campaignId}/codes`, { id: campaignId }),
    );
    const free = await db.code.findFirstOrThrow({ where: { campaignId, status: "available" } });
    expect(listed).toContain(free.code);

    await redeem(allocated.code, "grace@example.com");
    await redeem(free.code, "alan@example.com");
    expect((await alerts(campaignId)).map((a) => a.kind)).toEqual([
      "never_distributed",
      "never_distributed",
    ]);
  });
});

describe("a campaign published as a whole", () => {
  it("downloading the full list hands every code out: a redemption of one raises no alert", async () => {
    const campaignId = await liveCampaign("Newsletter", 5, "published");
    expect(
      await post(allocationsRoute, "/app/allocations", {
        intent: "allocate",
        campaignId,
        to: "channel",
        channel: "Email",
        quantity: "1",
      }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/published as a whole/) });

    const codes = await csvCodes(
      await get(campaignCodesRoute, `/app/campaigns/${campaignId}/codes`, { id: campaignId }),
    );
    expect(codes).toHaveLength(5);
    expect(await db.code.count({ where: { campaignId, status: "distributed" } })).toBe(5);

    const redemption = await redeem(codes[2]!, "katherine@example.com");
    expect(redemption.campaignId).toBe(campaignId);
    expect(await alerts(campaignId)).toEqual([]);
  });
});
