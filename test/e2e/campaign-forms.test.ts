// The campaign forms and page in Chromium, in the production build embedded in the emulator's
// admin, with the push worker running in the app so codes really go live in the emulator's
// Shopify: errors reported one way (beside the field, first one focused), toasts on save, the
// confirmation before removing codes, and the campaign page in a merchant's words.
import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, FrameLocator, Page } from "playwright-core";
import db from "../../app/db.server";
import type { RunningEmulator } from "../../emulator/server";
import { createShop } from "../../emulator/store/shops";
import { DEMO_API_SECRET, type RunningApp } from "../../emulator/app-process";
import { browserTestsEnabled, launchChromium } from "../support/browser";
import {
  hydrated,
  openInAdmin as openAdminPage,
  startEmbeddedApp,
  stopEmbeddedApp,
} from "../support/embedded-app";
import { orderBody, refundBody } from "../webhooks/order-bodies";

const SHOP = "onecode-campaign-forms.myshopify.com";
// CAMPAIGN_FORMS_SCREENSHOTS=<directory> saves screenshots for a person to look at.
const SCREENSHOTS = process.env.CAMPAIGN_FORMS_SCREENSHOTS;

let emulator: RunningEmulator;
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  if (!browserTestsEnabled) return;
  ({ emulator, app } = await startEmbeddedApp({
    seed: (state) => {
      createShop(state, { domain: SHOP, currency: "USD", ianaTimezone: "Europe/Paris" });
    },
    env: { ONECODE_IN_APP_WORKER: "1" },
  }));
  browser = await launchChromium();
}, 120_000);

afterAll(() => stopEmbeddedApp({ browser, app, emulator }));

function openInAdmin(path: string): Promise<{ page: Page; frame: FrameLocator }> {
  return openAdminPage(browser, { emulatorUrl: emulator.url, shop: SHOP }, path, {
    viewport: { width: 1400, height: 2000 },
    timeout: 15_000,
    ready: (frame) => hydrated(frame.locator(".Polaris-Page").first()),
  });
}

/** The label of the element that has the focus inside the app's frame. */
function focusedLabel(frame: FrameLocator): Promise<string | null> {
  return frame
    .locator("body")
    .evaluate(
      () => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? null,
    );
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** A webhook as Shopify delivers it to the app: the raw body signed with the app's secret. */
async function deliver(topic: string, body: string): Promise<void> {
  const response = await fetch(`${app.url}/webhooks/${topic}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": createHmac("sha256", DEMO_API_SECRET).update(body).digest("base64"),
      "X-Shopify-Shop-Domain": SHOP,
      "X-Shopify-API-Version": "2026-04",
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
    body,
  });
  expect(response.status, app.output()).toBe(200);
}

describe.skipIf(!browserTestsEnabled)("the campaign forms in Chromium", () => {
  it("marks each error beside its field, once, and focuses the first on submit", async () => {
    const { page, frame } = await openInAdmin("/app/campaigns/new");
    // A reward just chosen is not an error yet: nothing is red before anything is typed.
    await frame.getByLabel("Reward type").selectOption("bundle");
    await frame.getByLabel("Discount per bundle", { exact: true }).waitFor();
    expect(await frame.locator('[aria-invalid="true"]').count()).toBe(0);
    expect(await frame.locator(".Polaris-InlineError").count()).toBe(0);
    await frame.getByLabel("Reward type").selectOption("percent");

    // A repeated character is named once, beside the alphabet.
    await frame.getByLabel("Alphabet").fill("AAAA");
    await expect.poll(() => frame.getByText("'A' appears more than once").count()).toBe(1);
    await expect.poll(() => frame.getByLabel("Alphabet").getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "alphabet-error");

    // Create stays available; submitting keeps the page and puts the merchant on the field.
    await frame.getByRole("button", { name: "Create campaign" }).click();
    await expect.poll(() => focusedLabel(frame)).toBe("Alphabet");
    await frame.getByLabel("Alphabet").fill("23456789ABCDEFGHJKMNPQRSTUVWXYZ");

    // The server's reason (no name) is beside the name, focused, and goes once it is typed.
    await frame.getByLabel("How many codes").fill("3");
    await frame.getByRole("button", { name: "Create campaign" }).click();
    await frame.getByText("Give the campaign a name").waitFor();
    await expect.poll(() => focusedLabel(frame)).toBe("Name");
    await frame.getByLabel("Name", { exact: true }).fill("Three codes");
    await expect.poll(() => frame.getByText("Give the campaign a name").count()).toBe(0);

    // The start is read on the shop's clock, and the form says which.
    await frame.getByText("Your store's time zone: Europe/Paris").waitFor();
    await frame.getByRole("button", { name: "Create campaign" }).click();
    await frame.getByRole("link", { name: "Edit rules and reward" }).waitFor({ timeout: 20_000 });
    await page.close();
  });

  it("gives the partner form one current reason per field and a toast when a partner is added", async () => {
    const { page, frame } = await openInAdmin("/app/partners");
    await frame.getByRole("button", { name: "Add partner" }).click();
    await frame.getByText("Enter the partner's name").waitFor();
    await expect.poll(() => focusedLabel(frame)).toBe("Name");
    await frame.getByLabel("Name").fill("Acme Affiliates");
    await expect.poll(() => frame.getByText("Enter the partner's name").count()).toBe(0);
    await frame.getByRole("button", { name: "Add partner" }).click();
    await page.getByRole("status").filter({ hasText: "Partner added" }).waitFor();
    await frame.getByText("Acme Affiliates").first().waitFor();
    await page.close();
  });

  it("says a settings save worked, and a bad factor in words beside it", async () => {
    const { page, frame } = await openInAdmin("/app/settings");
    await frame.getByLabel("Redemption spike factor").fill("1");
    await frame.getByRole("button", { name: "Save" }).click();
    await frame.getByText("Use a factor of at least 2").waitFor();
    await expect.poll(() => focusedLabel(frame)).toBe("Redemption spike factor");
    await frame.getByLabel("Redemption spike factor").fill("6");
    await expect.poll(() => frame.getByText("Use a factor of at least 2").count()).toBe(0);
    await frame.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Settings saved" }).waitFor();
    await page.close();
  });

  it("shows the campaign page in words and confirms removing codes with their number", async () => {
    const form = await openInAdmin("/app/campaigns/new");
    await form.frame.getByLabel("Name", { exact: true }).fill("Page codes");
    await form.frame.getByLabel("How many codes").fill("3");
    await form.frame.getByRole("button", { name: "Create campaign" }).click();
    await form.frame.getByRole("link", { name: "Edit rules and reward" }).waitFor();
    await form.page.close();
    const campaign = await db.campaign.findFirstOrThrow({
      where: { shop: SHOP, name: "Page codes" },
    });
    // The next campaign of the same format sees its odds counted with the store's live codes.
    const next = await openInAdmin("/app/campaigns/new");
    await next.frame
      .getByText(/Counted with your store's [\d,]+ other live codes in the same code space/)
      .waitFor();
    await next.page.close();
    // The push worker takes the codes into the emulator's Shopify.
    await expect
      .poll(() => db.code.count({ where: { campaignId: campaign.id, pushState: "live" } }), {
        timeout: 30_000,
      })
      .toBe(3);
    const [code] = await db.code.findMany({ where: { campaignId: campaign.id }, take: 1 });
    const order = {
      id: 11089,
      admin_graphql_api_id: "gid://shopify/Order/11089",
      name: "#1005",
      discount_codes: [{ code: code!.code, amount: "10.00", type: "fixed_amount" }],
    };
    await deliver("orders/create", orderBody("created", order));
    await deliver("orders/paid", orderBody("paid", order));
    const refund = JSON.parse(refundBody()) as Record<string, unknown>;
    await deliver("refunds/create", JSON.stringify({ ...refund, order_id: 11089 }));
    await expect
      .poll(() => db.redemption.findFirst({ where: { shop: SHOP, orderId: "11089" } }))
      .toMatchObject({ state: "partially_refunded" });

    const { page, frame } = await openInAdmin(`/app/campaigns/${campaign.id}`);
    const table = frame.locator("table").filter({ hasText: "#1005" });
    await table.getByText("Partly refunded").waitFor();
    await table.getByText("bob.norman@mail.example.com").waitFor();
    await table.getByText("No partner").waitFor();
    expect(await frame.getByText("partially_refunded").count()).toBe(0);
    // Revenue per currency, as net sales are defined: a subtotal of 597.00 USD less the 201.04 of
    // the 209.00 refund that returned sales (its 7.96 of taxes never were).
    const revenue = frame.locator("table").filter({ hasText: "Net sales" });
    await revenue.getByText("395.96 USD").waitFor();
    // The leak alert (a code used before it was handed out) names the order as the table does.
    await frame.getByText(/· #1005 · Open/).waitFor();
    expect(await frame.getByText("order 11089").count()).toBe(0);

    // One click no longer removes codes: the merchant first sees how many.
    await frame.getByRole("button", { name: "Remove unused codes from Shopify" }).click();
    const dialog = frame.getByRole("dialog");
    await dialog.getByText("Remove 2 unused codes from Shopify?").waitFor();
    await screenshot(page, "remove-confirm");
    await dialog.getByRole("button", { name: "Keep them" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await db.code.count({ where: { campaignId: campaign.id, pushState: "live" } })).toBe(3);

    await frame.getByRole("button", { name: "Remove unused codes from Shopify" }).click();
    await frame.getByRole("dialog").getByRole("button", { name: "Remove 2 codes" }).click();
    await expect
      .poll(() => db.code.count({ where: { campaignId: campaign.id, pushState: "removed" } }), {
        timeout: 30_000,
      })
      .toBe(2);
    // 1 of 3 live: the bar's label is a rounded percentage.
    await page.reload();
    const live = frame
      .locator("div")
      .filter({ hasText: /^Live in Shopify1 of 3/ })
      .last();
    await live.waitFor();
    expect(await frame.locator(".Polaris-ProgressBar").allTextContents()).toContain("33%");
    await screenshot(page, "campaign-page");
    await page.close();
  });
});
