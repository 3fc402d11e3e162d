// Saving the rules of a customer-bound campaign whose stored rules were written by an older
// version of the app (a shape today's validator refuses): the save must keep the campaign's
// binding, so a bound code still works only for the customer it was issued to, at the emulator's
// checkout running the real discount function.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheckout } from "../../emulator/checkout/checkout";
import { FunctionRegistry } from "../../emulator/checkout/functions";
import { createCustomer, createProduct, getShop } from "../../emulator/store/index";
import { FAST_WORKER, installShop, startPushEmulator, waitFor, type PushEmulator } from "./harness";

let harness: PushEmulator;
let worker: { stop(): Promise<void> } | null = null;

beforeAll(async () => {
  harness = await startPushEmulator();
});
afterAll(async () => {
  await worker?.stop();
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

describe("saving the rules of a customer-bound campaign", () => {
  it("keeps its codes bound even when the stored rules are of an older shape", async () => {
    const { emulator } = harness;
    const { default: db } = await import("../../app/db.server");
    const { submitNewCampaign } = await import("../../app/campaigns/new-campaign.server");
    const { saveCampaignRules } =
      await import("../../app/campaigns/rules-editor/campaign-rules.server");
    const { parseRules } = await import("../../app/campaigns/rules");
    const { PushWorker } = await import("../../app/push/worker.server");
    const { pushProgress } = await import("../../app/push/progress.server");

    const shop = await installShop(emulator, "bound-save");
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
    const created = await submitNewCampaign(shop, form, "staff");
    if (!created.ok) throw new Error(JSON.stringify(created));
    worker = new PushWorker({ ...FAST_WORKER, onlyShops: [shop] }).start();
    await waitFor(
      async () =>
        (await db.campaign.findUniqueOrThrow({ where: { id: created.id } })).status === "active",
      () => pushProgress(shop, created.id),
      20_000,
    );

    // An older version stored the minimum spend as a bare amount, and the key in the rules.
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: created.id } });
    const key = campaign.bindingKey;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const older = {
      ...percentOff(20),
      campaignId: created.id,
      boundKey: key,
      minSubtotal: "50",
    };
    expect(parseRules(older).ok).toBe(false);
    await db.campaign.update({ where: { id: created.id }, data: { rules: older } });

    const saved = await saveCampaignRules(
      shop,
      created.id,
      JSON.stringify({ ...percentOff(15), campaignId: created.id, boundKey: null }),
      "staff",
    );
    expect(saved).toEqual({ ok: true, shopify: "updated", problem: null });
    expect((await db.campaign.findUniqueOrThrow({ where: { id: created.id } })).bindingKey).toBe(
      key,
    );

    const adaNumber = ada.id.split("/").pop();
    const code = (
      await db.code.findFirstOrThrow({
        where: { campaignId: created.id, boundCustomerId: adaNumber },
      })
    ).code;
    const registry = new FunctionRegistry();
    const cart = {
      lines: [{ variantId: hoodie.variants[0]!.id, quantity: 1 }],
      discountCodes: [code],
    };

    const asGrace = await runCheckout(emulator.state, registry, shop, {
      ...cart,
      customerId: grace.id,
    });
    expect(asGrace.status).toBe(422);
    expect(asGrace.body.errors).toEqual([
      {
        code,
        message: `Your cart does not meet the requirements for the ${code} discount code`,
      },
    ]);

    const asAda = await runCheckout(emulator.state, registry, shop, {
      ...cart,
      customerId: ada.id,
    });
    expect(asAda.status).toBe(201);
    expect(asAda.body).toMatchObject({ subtotal: "100.00", totalDiscounts: "15.00" });
  });
});
