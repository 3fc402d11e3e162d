// What a shopper reads at the emulator's checkout page, in Chromium: the page runs the real
// discount function, and a refused code's message appears under the code field as in Shopify's
// checkout. The message comes from the shop's code-rejection automatic discount, which the app
// creates and keeps up to date through the Admin API when a campaign's discount is written
// (docs/decisions/024). The orders go to the app's webhook routes, whose customer marker makes a
// second code of a once-per-customer campaign refused with its own message.
import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserTestsEnabled, launchChromium } from "../support/browser";
import { startWebhookServer } from "./app-server";
import { installAppOnWorld } from "./installed-world";

const app = await startWebhookServer();
Object.assign(process.env, {
  SHOPIFY_API_KEY: "messages-api-key",
  SHOPIFY_API_SECRET: "messages-api-secret",
  SHOPIFY_APP_URL: app.url,
  SCOPES: "write_discounts,read_orders,write_customers,read_products",
});
const { testShop } = await import("../../emulator/checkout/test-shop");
const { startEmulator } = await import("../../emulator/server");

const world = testShop();
world.webhooks.switches.delayMs = 0;
const emulator = await startEmulator({ port: 0, state: world.state });
process.env.SHOPIFY_EMULATOR_URL = emulator.url;

const { default: db } = await import("~/db.server");
const { settled } = await import("~/attribution/after-commit.server");
const { serializeRules } = await import("@onecode/checkout-rules/rules");
const { documentFromState, emptyFormState } = await import("~/campaigns/rules-editor/form-state");
const { updateCampaignDiscount } = await import("~/push/discount.server");
const { pacedAdminFor } = await import("~/push/admin-registry.server");
const { automaticDiscountsOf, deleteAutomaticDiscount } =
  await import("../../emulator/store/discounts");

const shop = world.shop.domain;
let browser: Browser;

beforeAll(async () => {
  await installAppOnWorld(world);
  if (browserTestsEnabled) browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await emulator.close();
  await new Promise((resolve) => app.server.close(resolve));
});

/**
 * A campaign as the app makes it: a row with its rules in the database, its codes live, and in
 * Shopify an app discount with the same rules in its metafield and the codes as redeem codes;
 * then the app writes the discount as a rules save does, which brings the shop's code-rejection
 * discount along. `prefix` and five characters of the default alphabet make the code format.
 */
async function campaign(rules: (campaignId: string) => unknown, codes: string[], prefix: string) {
  const row = await db.campaign.create({
    data: {
      shop,
      name: `Campaign ${randomBytes(3).toString("hex")}`,
      status: "active",
      rules: {},
      codeFormat: { prefix, length: 5 },
      requestedCount: codes.length,
      startsAt: new Date("2026-01-01T00:00:00Z"),
    },
  });
  const serialized = serializeRules(rules(row.id));
  if (!serialized.ok) throw new Error(JSON.stringify(serialized.errors));
  await db.campaign.update({ where: { id: row.id }, data: { rules: serialized.rules as object } });
  for (const code of codes) {
    await db.code.create({
      data: { shop, campaignId: row.id, code, status: "available", pushState: "live" },
    });
  }
  // As the app's push sets it (app/push/discount-input.ts): Shopify's own once-per-customer
  // check then asks a buyer with neither account nor e-mail to identify themselves first.
  const discount = world.campaign(serialized.rules as unknown as Record<string, unknown>, codes, {
    appliesOncePerCustomer: serialized.rules.oncePerCustomer,
  });
  await db.campaign.update({ where: { id: row.id }, data: { shopifyDiscountId: discount.id } });
  const written = await updateCampaignDiscount(pacedAdminFor(shop), shop, row.id);
  if (!written.ok) throw new Error(written.message);
  return row.id;
}

/** The shop's automatic discounts in the emulator's store, with their index metafield. */
function rejectionDiscounts() {
  return [...automaticDiscountsOf(world.shop).values()].map((d) => {
    const field = [...(world.shop.metafields.get(d.id)?.values() ?? [])][0];
    return { discount: d, index: field ? (JSON.parse(field.value) as IndexDoc) : null };
  });
}

interface IndexDoc {
  campaigns: { pattern: string; rules: { campaignId: string; minSubtotal: unknown } }[];
}

interface Visit {
  code: string;
  /** The customer's id; a guest when absent. */
  customer?: string;
  /** A guest's e-mail, as checkout asks for before payment. */
  email?: string;
  currency?: string;
  rate?: string;
  pay?: boolean;
}

/** A shopper at the checkout page: a Classic Tee in the cart, a code, then Pay or Apply. */
async function atCheckout(visit: Visit): Promise<{ codeError: string; summary: string }> {
  const page = await browser.newPage();
  await page.goto(`${emulator.url}/store/${shop}/checkout`);
  await page.getByLabel("Quantity of Classic Tee").fill("1");
  if (visit.customer) await page.getByLabel("Customer").selectOption(visit.customer);
  if (visit.email) await page.getByLabel("E-mail (guest)").fill(visit.email);
  if (visit.currency) await page.getByLabel("Presentment currency").fill(visit.currency);
  if (visit.rate) await page.getByLabel(/^Rate from/).fill(visit.rate);
  await page.getByLabel(/^Codes/).fill(visit.code);
  await page.getByRole("button", { name: visit.pay === false ? "Apply codes" : "Pay now" }).click();
  await page.locator("#summary").waitFor();
  const codeError = (await page.locator("#code-errors").innerText()).trim();
  const summary = (await page.locator("#summary").innerText()).trim();
  await page.close();
  return { codeError, summary };
}

describe.skipIf(!browserTestsEnabled)("what the shopper reads at checkout", () => {
  it("a guest buys with a code of a campaign made with the create form's defaults", async () => {
    await campaign((id) => documentFromState(emptyFormState(), id), ["WELCOME-GUEST"], "WELCOME-");
    const guest = await atCheckout({ code: "welcome-guest", email: "guest@example.com" });
    expect(guest.codeError).toBe("");
    expect(guest.summary).toMatch(/^Order #\d+ placed: 27\.50 USD paid, 2\.50 USD off\.$/);
  });

  it("a cart under the minimum is told what is missing, in the shopper's currency", async () => {
    await campaign(
      (id) => documentFromState({ ...emptyFormState(), minSubtotal: "50" }, id),
      ["SPEND-F4FTY"],
      "SPEND-",
    );
    // 25.00 USD at 0.5 is 12.50 EUR; the minimum, 50 USD, is 25.00 EUR.
    const under = await atCheckout({
      code: "SPEND-F4FTY",
      currency: "EUR",
      rate: "0.5",
      pay: false,
    });
    expect(under.codeError).toBe("Add 12.50 EUR more to use this code.");
  });

  it("the second code of a once-per-customer campaign is refused with its message", async () => {
    await campaign(
      (id) => documentFromState({ ...emptyFormState(), oncePerCustomer: true }, id),
      ["ONCE-FURST", "ONCE-SECND"],
      "ONCE-",
    );
    const guest = await atCheckout({ code: "ONCE-FURST", email: "guest@example.com", pay: false });
    expect(guest.codeError).toBe("Sign in to your account to use this code.");

    const ada = world.customer("ada@example.com").id;
    const first = await atCheckout({ code: "ONCE-FURST", customer: ada });
    expect(first.summary).toMatch(/^Order #\d+ placed/);
    // orders/paid reaches the app, which writes the customer's marker back to Shopify.
    await world.webhooks.idle();
    await settled();

    const second = await atCheckout({ code: "ONCE-SECND", customer: ada });
    expect(second.codeError).toBe("Your account has already used a code from this offer.");
    expect(second.summary).not.toMatch(/placed/);
  });
});

describe("the shop's code-rejection discount", () => {
  it("is created once, follows rule changes, and comes back when the merchant deletes it", async () => {
    const first = await campaign(
      (id) => documentFromState({ ...emptyFormState(), minSubtotal: "40" }, id),
      ["KEEP-AB2CD"],
      "KEEP-",
    );
    await campaign((id) => documentFromState(emptyFormState(), id), ["MORE-AB2CD"], "MORE-");
    const made = rejectionDiscounts();
    expect(made).toHaveLength(1);
    const [{ discount, index }] = made as [ReturnType<typeof rejectionDiscounts>[number]];
    expect(discount.combinesWith).toEqual({
      productDiscounts: true,
      orderDiscounts: true,
      shippingDiscounts: true,
    });
    expect(discount.discountClasses).toEqual(["ORDER"]);
    expect(index!.campaigns.map((c) => c.pattern)).toEqual(
      expect.arrayContaining(["KEEP-#####", "MORE-#####"]),
    );

    // A rules save rewrites the index on the same discount.
    const rules = documentFromState({ ...emptyFormState(), minSubtotal: "60" }, first);
    const saved = serializeRules(rules);
    if (!saved.ok) throw new Error("invalid rules");
    await db.campaign.update({ where: { id: first }, data: { rules: saved.rules as object } });
    expect((await updateCampaignDiscount(pacedAdminFor(shop), shop, first)).ok).toBe(true);
    const after = rejectionDiscounts();
    expect(after.map((r) => r.discount.id)).toEqual([discount.id]);
    const kept = after[0]!.index!.campaigns.find((c) => c.rules.campaignId === first);
    expect(kept?.rules.minSubtotal).toEqual({ amount: "60", eligibleOnly: false });

    // The merchant deletes it in the admin: the next write makes a new one.
    deleteAutomaticDiscount(world.shop, discount.id);
    expect((await updateCampaignDiscount(pacedAdminFor(shop), shop, first)).ok).toBe(true);
    const again = rejectionDiscounts();
    expect(again).toHaveLength(1);
    expect(again[0]!.discount.id).not.toBe(discount.id);
    expect(again[0]!.index!.campaigns).toHaveLength(after[0]!.index!.campaigns.length);
    const row = await db.shop.findUniqueOrThrow({ where: { domain: shop } });
    expect(row.rejectionDiscountId).toBe(again[0]!.discount.id);
  });
});
