// The Reports page in a merchant's browser: the production build, embedded in the emulator's
// admin, shows each partner's net sales and says what net sales are.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/server";
import { createShop } from "../../emulator/store/shops";
import { embeddedAppUrl } from "../../emulator/admin/embed-url";
import type { AppRegistration } from "../../emulator/store/types";
import { DEMO_API_KEY, type RunningApp } from "../../emulator/app-process";
import { browserTestsEnabled, DESKTOP_CHROME_UA, launchChromium } from "../support/browser";
import { startEmbeddedApp, stopEmbeddedApp } from "../support/embedded-app";
import { configureApp, deliver } from "./signed-delivery";
import { seedCampaign } from "./seed";
import { orderBody } from "./order-bodies";

configureApp();
const SHOP = "onecode-net-sales.myshopify.com";

let emulator: RunningEmulator;
let app: RunningApp;
let registration: AppRegistration;

beforeAll(async () => {
  ({ emulator, app, registration } = await startEmbeddedApp({
    seed: (state) => {
      createShop(state, { domain: SHOP, name: "Net Sales Shop", currency: "USD" });
    },
  }));
}, 180_000);

afterAll(() => stopEmbeddedApp({ app, emulator }));

describe.skipIf(!browserTestsEnabled)("the Reports page", () => {
  it("shows net sales without shipping and taxes, and says so", async () => {
    const seeded = await seedCampaign(SHOP);
    const usd = (amount: string) => ({
      shop_money: { amount, currency_code: "USD" },
      presentment_money: { amount, currency_code: "USD" },
    });
    const body = orderBody("paid", {
      total_shipping_price_set: usd("15.00"),
      total_price: "613.94",
      total_price_set: usd("613.94"),
    });
    expect((await deliver("orders/paid", body, { shop: seeded.shop })).status).toBe(200);

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ userAgent: DESKTOP_CHROME_UA });
      // The merchant installs the app from the emulator's admin first.
      await page.goto(`${emulator.url}/store/${SHOP}/apps/${DEMO_API_KEY}`);
      const install = page.getByRole("button", { name: "Install" });
      if (await install.count()) await install.click();
      await page.getByRole("link", { name: "Reports" }).waitFor({ timeout: 20_000 });
      await page.goto(
        await embeddedAppUrl(
          emulator.state,
          SHOP,
          registration,
          "/app/reports",
          new URLSearchParams(),
        ),
      );
      // The admin shows the app in its frame.
      const frame = page.frameLocator("iframe");
      await frame.getByRole("cell", { name: "597.00" }).waitFor({ timeout: 20_000 });
      // The figure's name gives its definition on hover.
      await frame.getByText("All time, per partner").hover();
      await frame.getByText(/Shipping and taxes are not included/).waitFor({ timeout: 5_000 });
      expect(await frame.getByText("613.94").count()).toBe(0);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
