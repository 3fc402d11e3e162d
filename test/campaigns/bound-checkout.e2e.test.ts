// A customer-bound campaign end to end: created through the create form's server path, pushed
// into the emulator by the app's real push worker, then used at the emulator's checkout, which
// runs the real discount function: the customer it was issued to gets the discount, another
// customer is told the code belongs to another account, and a guest is asked to sign in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheckout } from "../../emulator/checkout/checkout";
import { FunctionRegistry } from "../../emulator/checkout/functions";
import { createCustomer, createProduct, getShop } from "../../emulator/store/index";
import {
  codeSets,
  FAST_WORKER,
  installShop,
  startPushEmulator,
  waitFor,
  type PushEmulator,
} from "../push/harness";

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

describe("a campaign of customer-bound codes", () => {
  it("gives its discount at checkout to the customer the code was issued to, and to nobody else", async () => {
    const { emulator } = harness;
    const { default: db } = await import("../../app/db.server");
    const { submitNewCampaign } = await import("../../app/campaigns/campaigns.server");
    const { PushWorker } = await import("../../app/push/worker.server");
    const { pushProgress } = await import("../../app/push/progress.server");

    const shop = await installShop(emulator, "bound");
    const record = getShop(emulator.state, shop)!;
    const ada = createCustomer(emulator.state, record, { email: "ada@example.com" });
    const grace = createCustomer(emulator.state, record, { email: "grace@example.com" });
    const hoodie = createProduct(emulator.state, record, {
      title: "Heavyweight Hoodie",
      variants: [{ priceCents: 6500 }],
    });

    const form = new FormData();
    const fields: Record<string, string> = {
      name: "Ada's thank-you",
      startsAt: localDateTime(new Date(Date.now() - 86_400_000)),
      audience: "customers",
      formatMode: "length",
      length: "8",
      rules: JSON.stringify({
        v: 1,
        reward: { kind: "amount", target: "order", value: { percent: 20 } },
      }),
      // Ada by GID, two more customers by number: three codes, one discount.
      customerIds: `${ada.id}\n7000000000001\n7000000000002`,
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
    const sets = await codeSets(emulator, shop, created.id);
    expect(sets.database).toHaveLength(3);
    expect(sets.shopify).toEqual(sets.database);

    const adaNumber = ada.id.split("/").pop();
    const code = (
      await db.code.findFirstOrThrow({
        where: { campaignId: created.id, boundCustomerId: adaNumber },
      })
    ).code;
    const registry = new FunctionRegistry();
    const cart = {
      lines: [{ variantId: hoodie.variants[0]!.id, quantity: 1 }],
      discountCodes: [code.toLowerCase()],
    };
    const refusal = (message: string) => [{ code: code.toLowerCase(), message }];

    const asGrace = await runCheckout(emulator.state, registry, shop, {
      ...cart,
      customerId: grace.id,
    });
    expect(asGrace.status).toBe(422);
    expect(asGrace.body.errors).toEqual(refusal("This code belongs to another account."));

    const asGuest = await runCheckout(emulator.state, registry, shop, {
      ...cart,
      customerId: null,
      email: "someone@example.com",
    });
    expect(asGuest.status).toBe(422);
    expect(asGuest.body.errors).toEqual(refusal("Sign in to your account to use this code."));

    const asAda = await runCheckout(emulator.state, registry, shop, {
      ...cart,
      customerId: ada.id,
    });
    expect(asAda.status).toBe(201);
    expect(asAda.body).toMatchObject({ subtotal: "65.00", totalDiscounts: "13.00" });
  });
});
