// The partner API as a merchant and a partner meet it, in Chromium against the production build
// embedded in the emulator's admin: a campaign made and pushed, a partner added, a key created on
// the partner's API page (shown once), then the README's curl command claims codes with it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, FrameLocator, Page } from "playwright-core";
import db from "../../app/db.server";
import type { RunningEmulator } from "../../emulator/server";
import { createShop } from "../../emulator/store/shops";
import type { RunningApp } from "../../emulator/app-process";
import { browserTestsEnabled, launchChromium } from "../support/browser";
import {
  hydrated,
  openInAdmin as openAdminPage,
  startEmbeddedApp,
  stopEmbeddedApp,
} from "../support/embedded-app";

const SHOP = "onecode-partner-api.myshopify.com";
// PARTNER_API_SCREENSHOTS=<directory outside the repository> keeps screenshots to look at.
const SCREENSHOTS = process.env.PARTNER_API_SCREENSHOTS;

let emulator: RunningEmulator;
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  if (!browserTestsEnabled) return;
  ({ emulator, app } = await startEmbeddedApp({
    seed: (state) => {
      createShop(state, { domain: SHOP, name: "Partner API Shop", currency: "USD" });
    },
    env: { ONECODE_IN_APP_WORKER: "1" },
  }));
  browser = await launchChromium();
}, 180_000);

afterAll(() => stopEmbeddedApp({ browser, app, emulator }));

// Typed before React hydrates, text is wiped when React takes the inputs over.
function openInAdmin(path: string): Promise<{ page: Page; frame: FrameLocator }> {
  return openAdminPage(browser, { emulatorUrl: emulator.url, shop: SHOP }, path, {
    viewport: { width: 1400, height: 1800 },
    timeout: 20_000,
    ready: (frame) => hydrated(frame.locator("form").first(), 20_000),
  });
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

describe.skipIf(!browserTestsEnabled)("the partner API page and the README's curl", () => {
  it("creates a key shown once, and the README's curl claims live codes with it", async () => {
    const created = await openInAdmin("/app/campaigns/new");
    await created.frame.getByLabel("Name").fill("Partner API spring");
    await created.frame.getByLabel("How many codes").fill("20");
    await created.frame.getByRole("button", { name: "Create campaign" }).click();
    await created.frame.getByRole("link", { name: "Edit rules and reward" }).waitFor();
    const campaign = await db.campaign.findFirstOrThrow({
      where: { shop: SHOP, name: "Partner API spring" },
    });
    await expect
      .poll(() => db.code.count({ where: { campaignId: campaign.id, pushState: "live" } }), {
        timeout: 60_000,
      })
      .toBe(20);
    await created.page.close();

    const partners = await openInAdmin("/app/partners");
    await partners.frame.getByLabel("Name").fill("Acme affiliates");
    await partners.frame.getByRole("button", { name: "Add partner" }).click();
    await expect
      .poll(() => db.partner.count({ where: { shop: SHOP, name: "Acme affiliates" } }))
      .toBe(1);
    const partner = await db.partner.findFirstOrThrow({ where: { shop: SHOP } });
    await partners.page.close();

    const { page, frame } = await openInAdmin(`/app/partners/${partner.id}/api`);
    await frame.getByLabel("New key's name").fill("Production CRM");
    await frame.getByRole("button", { name: "Create key" }).click();
    const shown = frame.getByLabel("API key");
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token).toMatch(/^oc_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    await screenshot(page, "key-created");

    // The README's command, as a partner would run it.
    const { stdout } = await promisify(execFile)("curl", [
      "-s",
      `${app.url}/api/v1/claims`,
      "-H",
      `Authorization: Bearer ${token}`,
      "-H",
      "Content-Type: application/json",
      "-H",
      "Idempotency-Key: order-4711",
      "-d",
      JSON.stringify({ campaign: campaign.id, quantity: 2 }),
    ]);
    const claim = JSON.parse(stdout) as { codes: string[]; allocation: string };
    expect(claim.codes).toHaveLength(2);
    const codes = await db.code.findMany({ where: { shop: SHOP, code: { in: claim.codes } } });
    expect(codes.every((c) => c.status === "distributed" && c.pushState === "live")).toBe(true);
    const allocation = await db.allocation.findUniqueOrThrow({ where: { id: claim.allocation } });
    expect(allocation.partnerId).toBe(partner.id);

    // Shown once: the page, reloaded, names the key by its prefix and its last use only.
    await page.reload();
    await frame.getByText("Production CRM").waitFor();
    const text = await frame.locator("body").innerText();
    expect(text).not.toContain(token);
    expect(text).toContain(`oc_${token.split("_")[1]}_…`);
    expect(text).not.toMatch(/Never/);
    await screenshot(page, "key-listed");
    await page.close();
  }, 240_000);
});
