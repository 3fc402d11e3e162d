// The Reports page in Chromium, in the production build embedded in the emulator's admin, on
// orders the app recorded from signed webhooks: changing the date range and the campaign filter
// redraws the per-day chart, and its table (the chart's text equivalent) shows the same counts.
// Screenshots of each step, and of the campaign and Home pages, go to REPORTS_SCREENSHOTS
// (default: test-results/screenshots, which git ignores) for a person to look at.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { loadAppRegistration } from "../../emulator/store/app-config";
import { createShop } from "../../emulator/store/shops";
import {
  DEMO_API_KEY,
  DEMO_API_SECRET,
  freePort,
  startApp,
  type RunningApp,
} from "../../emulator/app-process";
import { browserTestsEnabled, DESKTOP_CHROME_UA, launchChromium } from "../support/browser";

const SHOP = "onecode-reports.myshopify.com";
const SCREENSHOTS =
  process.env.REPORTS_SCREENSHOTS ??
  fileURLToPath(new URL("../../test-results/screenshots", import.meta.url));

let emulator: RunningEmulator;
let app: RunningApp;
let browser: Browser;
let autumnId = "";
let springId = "";

const usd = (amount: string) => ({
  shop_money: { amount, currency_code: "USD" },
  presentment_money: { amount, currency_code: "USD" },
});

beforeAll(async () => {
  if (!browserTestsEnabled) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const port = await freePort();
  Object.assign(process.env, {
    SHOPIFY_API_KEY: DEMO_API_KEY,
    SHOPIFY_API_SECRET: DEMO_API_SECRET,
    SHOPIFY_APP_URL: `http://localhost:${port}`,
  });
  const registration = loadAppRegistration({ env: { ...process.env } as Record<string, string> });
  emulator = await startEmulator({ port: 0, state: { apps: [registration] } });
  createShop(emulator.state, { domain: SHOP, name: "Reports Shop", currency: "USD" });
  // Orders recorded the app's way: signed orders/paid webhooks through its route.
  const { seedCampaign } = await import("../webhooks/seed");
  const { deliver } = await import("../webhooks/signed-delivery");
  const { orderBody } = await import("../webhooks/order-bodies");
  const spring = await seedCampaign(SHOP, { codes: ["SPRING1", "SPRING2"] });
  const autumn = await seedCampaign(SHOP, { codes: ["AUTUMN1"] });
  autumnId = autumn.campaignId;
  springId = spring.campaignId;
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const orders: [string, string][] = [
    ["SPRING1", daysAgo(1)],
    ["SPRING2", daysAgo(3)],
    ["AUTUMN1", daysAgo(20)],
  ];
  for (const [n, [code, createdAt]] of orders.entries()) {
    const body = orderBody("paid", {
      id: 8100 + n,
      admin_graphql_api_id: `gid://shopify/Order/${8100 + n}`,
      name: `#${8100 + n}`,
      created_at: createdAt,
      discount_codes: [{ code, amount: "10.00", type: "fixed_amount" }],
      discount_applications: [],
      subtotal_price: "90.00",
      subtotal_price_set: usd("90.00"),
    });
    const response = await deliver("orders/paid", body, { shop: SHOP, secret: DEMO_API_SECRET });
    expect(response.status).toBe(200);
  }
  expect(spring.campaignId).not.toBe(autumnId);
  app = await startApp({ port, emulatorUrl: emulator.url, databaseUrl: inject("databaseUrl") });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await emulator?.close();
});

async function openInAdmin(
  pathname: string,
  ready: (frame: FrameLocator) => Promise<void> = async (frame) => {
    // Chosen before React hydrates, a select's change would be lost.
    const select = frame.getByLabel("Date range");
    await select.waitFor();
    await expect
      .poll(
        () => select.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps"))),
        { timeout: 20_000 },
      )
      .toBe(true);
  },
): Promise<{ page: Page; frame: FrameLocator }> {
  const page = await browser.newPage({
    userAgent: DESKTOP_CHROME_UA,
    viewport: { width: 1400, height: 1600 },
  });
  page.setDefaultTimeout(20_000);
  await page.goto(`${emulator.url}/store/${SHOP}/apps/${DEMO_API_KEY}${pathname}`);
  const install = page.getByRole("button", { name: "Install" });
  if (await install.count()) await install.click();
  const frame = page.frameLocator("iframe");
  await ready(frame);
  return { page, frame };
}

/** Bars drawn in the per-day chart (days with no redemptions draw none). */
const bars = (frame: FrameLocator) =>
  frame.getByTestId("redemptions-per-day-chart").locator(".recharts-bar-rectangle path");

/** The per-day table's counts, shown through the chart's "Show table" toggle. */
async function tableCounts(frame: FrameLocator): Promise<number[]> {
  await frame.getByRole("button", { name: "Show table" }).first().click();
  const table = frame.getByTestId("redemptions-per-day-table");
  await table.waitFor();
  const rows = await table.locator("tbody tr").allInnerTexts();
  await frame.getByRole("button", { name: "Show chart" }).first().click();
  return rows.map((r) => Number(r.trim().split(/\s+/).pop())).filter((n) => n > 0);
}

describe.skipIf(!browserTestsEnabled)("the Reports page in Chromium", () => {
  it("follows a change of range and of campaign in its chart and its table", async () => {
    // The default range: the last 30 days, in the shop's time zone.
    const { page, frame } = await openInAdmin("/app/reports");
    await expect.poll(() => bars(frame).count()).toBe(3);
    expect(await tableCounts(frame)).toEqual([1, 1, 1]);
    await page.screenshot({ path: `${SCREENSHOTS}/reports-30-days.png`, fullPage: true });

    await frame.getByLabel("Date range").selectOption("7d");
    await expect.poll(() => bars(frame).count()).toBe(2);
    expect(await tableCounts(frame)).toEqual([1, 1]);
    await page.screenshot({ path: `${SCREENSHOTS}/reports-7-days.png`, fullPage: true });

    // The autumn campaign's only order is 20 days old: none in 7 days, one in 30.
    await frame.getByLabel("Campaign").selectOption(autumnId);
    await expect.poll(() => bars(frame).count()).toBe(0);
    expect(await tableCounts(frame)).toEqual([]);
    await frame.getByLabel("Date range").selectOption("30d");
    await expect.poll(() => bars(frame).count()).toBe(1);
    expect(await tableCounts(frame)).toEqual([1]);
    await page.screenshot({ path: `${SCREENSHOTS}/reports-one-campaign.png`, fullPage: true });
    await page.close();
  });

  it("shows a campaign's figures on its page and the shop's totals on Home", async () => {
    const campaign = await openInAdmin(`/app/campaigns/${springId}`, async (frame) => {
      await frame.getByRole("link", { name: "Open in Reports" }).waitFor();
    });
    // The spring campaign's two orders, in the report panel's summary row.
    const summary = campaign.frame.getByTestId("report-panel-summary");
    await expect.poll(() => summary.locator("tbody tr").first().innerText()).toMatch(/^USD\s+2\s/);
    await campaign.page.screenshot({ path: `${SCREENSHOTS}/campaign.png`, fullPage: true });
    await campaign.page.close();

    const home = await openInAdmin("/app", async (frame) => {
      await frame.getByText("Live codes").waitFor();
    });
    const metric = (label: string) =>
      home.frame.getByRole("heading", { name: label }).locator("xpath=following-sibling::p");
    expect(await metric("Campaigns").innerText()).toBe("2");
    expect(await metric("Redemptions").innerText()).toBe("3");
    // Home reads live codes from the tallies the database keeps; a real count must agree.
    const { default: db } = await import("../../app/db.server");
    const live = await db.code.count({
      where: { shop: SHOP, pushState: "live", status: { not: "revoked" } },
    });
    expect(live).toBeGreaterThan(0);
    expect(await metric("Live codes").innerText()).toBe(live.toLocaleString("en"));
    await home.page.screenshot({ path: `${SCREENSHOTS}/home.png`, fullPage: true });
    await home.page.close();
  });
});
