// The rules and reward editor, in Chromium, in the production build embedded in
// the emulator's admin. Products and collections are chosen through App Bridge's resource picker
// (drawn by the admin around the app), and what is saved is the validated rules document, in the
// database and, once the campaign has its Shopify discount, in the discount's metafield.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, FrameLocator, Page } from "playwright-core";
import db from "../../app/db.server";
import { readRules, type CampaignRules } from "@onecode/checkout-rules/rules";
import { discountInput } from "../../app/push/discount-input";
import { DISCOUNT_CREATE } from "../../app/push/documents";
import type { RunningEmulator } from "../../emulator/server";
import { createCollection, createProduct, listCollections } from "../../emulator/store/catalog";
import { createShop, requireShop } from "../../emulator/store/shops";
import type { EmulatorState } from "../../emulator/store/context";
import { DEMO_API_KEY, type RunningApp } from "../../emulator/app-process";
import { browserTestsEnabled, launchChromium } from "../support/browser";
import {
  hydrated,
  openInAdmin as openAdminPage,
  startEmbeddedApp,
  stopEmbeddedApp,
} from "../support/embedded-app";

// A shop of this test's own: other end-to-end tests share the database and expect the demo
// shop to have no campaigns.
const SHOP = "onecode-rules-editor.myshopify.com";

// RULES_EDITOR_SCREENSHOTS=<directory> saves screenshots of the pages for a person to look at
// (a directory outside the repository, or the git-ignored .scratch: never committed).
const SCREENSHOTS = process.env.RULES_EDITOR_SCREENSHOTS;

let emulator: RunningEmulator;
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  if (!browserTestsEnabled) return;
  ({ emulator, app } = await startEmbeddedApp({ seed: seedShop }));
  browser = await launchChromium();
}, 120_000);

afterAll(() => stopEmbeddedApp({ browser, app, emulator }));

/** A few products in the three collections the picker is driven over. */
function seedShop(state: EmulatorState): void {
  const shop = createShop(state, { domain: SHOP, name: "Rules Editor Shop", currency: "USD" });
  const members: Record<string, string[]> = { Apparel: [], Accessories: [], Bestsellers: [] };
  const products: [string, number, string[]][] = [
    ["Classic Tee", 2500, ["Apparel", "Bestsellers"]],
    ["Everyday Cap", 2200, ["Apparel", "Accessories"]],
    ["Canvas Tote", 3400, ["Accessories", "Bestsellers"]],
  ];
  for (const [title, priceCents, collections] of products) {
    const product = createProduct(state, shop, { title, variants: [{ priceCents }] });
    for (const c of collections) members[c]!.push(product.id);
  }
  for (const [title, productIds] of Object.entries(members)) {
    createCollection(state, shop, { title, productIds });
  }
}

function collectionId(title: string): string {
  const found = listCollections(requireShop(emulator.state, SHOP)).find((c) => c.title === title);
  if (!found) throw new Error(`The demo shop has no collection ${title}`);
  return found.id;
}

/** The admin around the app at `path`, installing the app first if the shop has not yet. */
function openInAdmin(path: string): Promise<{ page: Page; frame: FrameLocator }> {
  return openAdminPage(browser, { emulatorUrl: emulator.url, shop: SHOP }, path, {
    // Tall, so a screenshot shows the whole form: the admin page does not scroll, its frame does.
    viewport: { width: 1400, height: 2400 },
    // Shorter than the test's own timeout, so a missing element fails naming its locator.
    timeout: 15_000,
    // Typed before React hydrates, text is wiped when React takes over the server-rendered inputs.
    ready: (frame) => hydrated(frame.locator("form").first(), 15_000),
  });
}

/** Ticks resources in the admin's picker (outside the app's frame) and confirms. */
async function pickInAdmin(page: Page, dialogName: string, titles: string[]): Promise<void> {
  const dialog = page.getByRole("dialog", { name: dialogName });
  for (const title of titles) await dialog.getByLabel(title, { exact: true }).check();
  await dialog.getByRole("button", { name: /^(Add|Select)$/ }).click();
  await dialog.waitFor({ state: "detached" });
}

async function storedRules(where: { name: string } | { id: string }): Promise<CampaignRules> {
  const campaign = await db.campaign.findFirstOrThrow({ where: { shop: SHOP, ...where } });
  const rules = readRules(campaign.rules);
  if (!rules) throw new Error(`Stored rules do not validate: ${JSON.stringify(campaign.rules)}`);
  return rules;
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

describe.skipIf(!browserTestsEnabled)("the rules and reward editor in Chromium", () => {
  it("creates a campaign excluding a collection picked in the resource picker, with tiered rewards", async () => {
    const { page, frame } = await openInAdmin("/app/campaigns/new");
    await frame.getByLabel("Name").fill("Tiered spring");
    await frame.getByLabel("How many codes").fill("50");

    await frame.getByLabel("Reward type").selectOption("tiered");
    await frame.getByLabel("Tier 2: discount", { exact: true }).fill("20");
    await frame.getByRole("button", { name: "Add tier" }).click();
    await frame.getByLabel("Tier 3: spend from").fill("200");
    await frame.getByLabel("Tier 3: discount", { exact: true }).fill("30");
    await frame.getByLabel("Tier 3: discount: percentage or amount").selectOption("amount");
    await frame.getByText("Each eligible product", { exact: true }).click();

    await frame.getByRole("button", { name: "Choose excluded collections" }).click();
    await pickInAdmin(page, "Add collections", ["Bestsellers"]);
    // The chosen collection shows by title, removable.
    await frame.getByRole("button", { name: "Remove Bestsellers" }).waitFor();

    // The validator runs as the merchant types: a bad amount is named beside its field.
    await frame.getByLabel("Minimum subtotal (optional)").fill("ten");
    await frame.getByText('Expected a positive amount such as "10" or "10.50".').waitFor();
    await frame.getByLabel("Minimum subtotal (optional)").fill("40");
    await screenshot(page, "create");

    await frame.getByRole("button", { name: "Create campaign" }).click();
    await frame.getByRole("link", { name: "Edit rules and reward" }).waitFor({ timeout: 20_000 });

    const rules = await storedRules({ name: "Tiered spring" });
    expect(rules.excludeCollectionIds).toEqual([collectionId("Bestsellers")]);
    expect(rules.minSubtotal).toEqual({ amount: "40", eligibleOnly: false });
    expect(rules.reward).toEqual({
      kind: "tiered",
      target: "eligible",
      tiers: [
        { from: "50", value: { percent: 10 } },
        { from: "100", value: { percent: 20 } },
        { from: "200", value: { amount: "30" } },
      ],
      cap: null,
    });
    await page.close();
  });

  it("edits a pushed campaign's rules: the database, the metafield and the discount classes follow", async () => {
    const campaign = await db.campaign.findFirstOrThrow({
      where: { shop: SHOP, name: "Tiered spring" },
    });
    const discountId = await createShopifyDiscount(campaign);

    const { page, frame } = await openInAdmin(`/app/campaigns/${campaign.id}/rules`);
    // Titles come from the Admin API: the rules document holds the id only.
    await frame.getByRole("button", { name: "Remove Bestsellers" }).click();
    await frame.getByRole("button", { name: "Choose only these collections" }).click();
    await pickInAdmin(page, "Add collections", ["Apparel", "Accessories"]);
    await frame.getByLabel("Reward type").selectOption("freeShipping");
    await frame.getByLabel("Required customer tags").fill("vip, newsletter");

    // The server runs the same validator: what it refuses is named beside the field, and kept out.
    await frame.getByLabel("Minimum subtotal (optional)").fill("0");
    await frame.getByRole("button", { name: "Save rules" }).click();
    await frame.getByText("The rules were not saved").waitFor();
    await frame.getByText('Expected a positive amount such as "10" or "10.50".').waitFor();
    expect((await storedRules({ id: campaign.id })).reward.kind).toBe("tiered");
    await screenshot(page, "edit-refused");

    await frame.getByLabel("Minimum subtotal (optional)").fill("25");
    await frame.getByRole("button", { name: "Save rules" }).click();
    await frame.getByText("Shopify's checkout now applies them.").waitFor({ timeout: 20_000 });
    await screenshot(page, "edit-saved");

    const rules = await storedRules({ id: campaign.id });
    expect(rules).toMatchObject({
      campaignId: campaign.id,
      includeCollectionIds: [collectionId("Apparel"), collectionId("Accessories")],
      excludeCollectionIds: [],
      requiredCustomerTags: ["vip", "newsletter"],
      minSubtotal: { amount: "25", eligibleOnly: false },
      reward: { kind: "freeShipping" },
    });
    const discount = await adminQuery<{
      codeDiscountNode: {
        metafield: { jsonValue: unknown } | null;
        codeDiscount: { discountClasses: string[] };
      };
    }>(
      `query ($id: ID!) {
        codeDiscountNode(id: $id) {
          metafield(namespace: "$app", key: "rules") { jsonValue }
          codeDiscount { ... on DiscountCodeApp { discountClasses } }
        }
      }`,
      { id: discountId },
    );
    expect(discount.codeDiscountNode.metafield?.jsonValue).toEqual(rules);
    expect(discount.codeDiscountNode.codeDiscount.discountClasses).toEqual(["SHIPPING"]);
    await page.close();
  });
});

/** The app's offline token on the demo shop, as token exchange stored it in the emulator. */
function appToken(): string {
  for (const [token, record] of emulator.state.tokens) {
    if (record.shop === SHOP && record.apiKey === DEMO_API_KEY && record.kind === "offline") {
      return token;
    }
  }
  throw new Error("The app holds no offline token on the demo shop");
}

async function adminQuery<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${emulator.url}/store/${SHOP}/admin/api/2026-04/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": appToken() },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors) throw new Error(JSON.stringify(body));
  return body.data;
}

/** Creates the campaign's discount as the push does, and records it on the campaign. */
async function createShopifyDiscount(campaign: {
  id: string;
  name: string;
  startsAt: Date;
  endsAt: Date | null;
  rules: unknown;
  bindingKey: string | null;
}): Promise<string> {
  const input = discountInput(campaign, { create: true, firstCode: `E2E-${campaign.id}` });
  if (!input.ok) throw new Error(input.message);
  const data = await adminQuery<{
    discountCodeAppCreate: {
      codeAppDiscount: { discountId: string } | null;
      userErrors: unknown[];
    };
  }>(DISCOUNT_CREATE.query, { discount: input.input });
  const discountId = data.discountCodeAppCreate.codeAppDiscount?.discountId;
  if (!discountId) throw new Error(JSON.stringify(data.discountCodeAppCreate.userErrors));
  await db.campaign.update({ where: { id: campaign.id }, data: { shopifyDiscountId: discountId } });
  return discountId;
}
