// The partner page and the allocate flow in Chromium, in the production build embedded in the
// emulator's admin, with the app's own background work pushing codes into the emulator: a
// campaign is created, a partner added, codes allocated to it from its page (and refused in words
// when too many are asked for), then downloaded as CSV, which hands them out.
import { readFile } from "node:fs/promises";
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

// A shop of this test's own: other end-to-end tests share the database.
const SHOP = "onecode-partners.myshopify.com";

// PARTNERS_SCREENSHOTS=<directory> saves screenshots of the pages for a person to look at
// (a directory outside the repository: never committed).
const SCREENSHOTS = process.env.PARTNERS_SCREENSHOTS;

let emulator: RunningEmulator;
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  if (!browserTestsEnabled) return;
  ({ emulator, app } = await startEmbeddedApp({
    seed: (state) => {
      createShop(state, { domain: SHOP, name: "Partners Shop", currency: "USD" });
    },
    env: { ONECODE_IN_APP_WORKER: "1", PUSH_SHOPS: SHOP },
  }));
  browser = await launchChromium();
}, 180_000);

afterAll(() => stopEmbeddedApp({ browser, app, emulator }));

function openInAdmin(path: string): Promise<{ page: Page; frame: FrameLocator }> {
  return openAdminPage(browser, { emulatorUrl: emulator.url, shop: SHOP }, path, {
    viewport: { width: 1400, height: 1600 },
    acceptDownloads: true,
    timeout: 20_000,
    ready: formHydrated,
  });
}

// Typed before React hydrates, text is wiped when React takes over the server-rendered inputs.
function formHydrated(frame: FrameLocator): Promise<void> {
  return hydrated(frame.locator("form").first(), 20_000);
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

describe.skipIf(!browserTestsEnabled)("partners and allocations in Chromium", () => {
  it("allocates codes to a partner from its page, refuses too many in words, and hands them out by CSV", async () => {
    // A campaign of 20 codes given out through allocations (the default), pushed by the app.
    const create = await openInAdmin("/app/campaigns/new");
    await create.frame.getByLabel("Name").fill("Tote week");
    await create.frame.getByLabel("How many codes").fill("20");
    await create.frame.getByText("Through allocations", { exact: true }).waitFor();
    await screenshot(create.page, "new-campaign");
    await create.frame.getByRole("button", { name: "Create campaign" }).click();
    await create.frame.getByRole("link", { name: "Edit rules and reward" }).waitFor();
    await create.page.close();
    const campaign = await db.campaign.findFirstOrThrow({
      where: { shop: SHOP, name: "Tote week" },
    });
    expect(campaign.distribution).toBe("allocations");
    await expect
      .poll(
        async () => (await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status,
        {
          timeout: 60_000,
        },
      )
      .toBe("active");

    const { page, frame } = await openInAdmin("/app/partners");
    await frame.getByLabel("Name").fill("Canvas Club");
    await frame.getByLabel("Kind").selectOption("influencer");
    await frame.getByRole("button", { name: "Add partner" }).click();
    await frame.getByRole("link", { name: "Canvas Club" }).click();
    await frame.getByRole("heading", { name: "Allocate codes" }).waitFor();
    await formHydrated(frame);

    // Too many: refused with the count that is free, and the shortfall offered for minting.
    await frame.getByLabel("Number of codes").fill("25");
    await frame.getByRole("button", { name: "Allocate", exact: true }).click();
    await frame.getByText("Only 20 codes are free; mint more or allocate fewer.").waitFor();
    await frame.getByRole("button", { name: "Mint 5 more codes" }).waitFor();
    await screenshot(page, "partner-refused");

    await frame.getByLabel("Number of codes").fill("8");
    await frame.getByRole("button", { name: "Allocate", exact: true }).click();
    await frame.getByText("8 codes allocated to Canvas Club.").waitFor();
    const row = frame.getByRole("row", { name: /Tote week/ });
    await expect.poll(() => row.innerText()).toMatch(/^Tote week\s+8\s+0\s+0\s+0/);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      row.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("Tote-week-Canvas-Club-codes.csv");
    const csv = await readFile((await download.path())!, "utf8");
    const codes = csv
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(",")[0]);
    expect(codes).toHaveLength(8);
    // The page reloads its counts: the eight are handed out now.
    await expect.poll(() => row.innerText()).toMatch(/^Tote week\s+0\s+8\s+0\s+0/);
    await screenshot(page, "partner-allocated");

    const handedOut = await db.code.findMany({
      where: { campaignId: campaign.id, status: "distributed" },
      select: { code: true, distributedAt: true, distributedBy: true },
    });
    expect(handedOut.map((c) => c.code).sort()).toEqual([...codes].sort());
    expect(handedOut.every((c) => c.distributedAt && c.distributedBy)).toBe(true);
    await page.close();

    // The campaign page lists the allocation too, beside the import of the merchant's own codes.
    const campaignPage = await openInAdmin(`/app/campaigns/${campaign.id}`);
    const listed = campaignPage.frame.getByRole("row", { name: /Canvas Club/ });
    await expect.poll(() => listed.innerText()).toMatch(/^Canvas Club\s+0\s+8\s+0\s+0/);
    await campaignPage.frame.getByRole("heading", { name: "Import your own codes" }).waitFor();
    await screenshot(campaignPage.page, "campaign-allocations");

    // Revoked from the campaign page, after asking in the page: the eight stop working.
    await listed.getByRole("button", { name: "Revoke" }).click();
    await listed.getByRole("button", { name: "Revoke codes" }).click();
    await campaignPage.frame
      .getByText("8 unredeemed codes revoked; they are being removed from Shopify.")
      .waitFor();
    await expect
      .poll(() => listed.innerText())
      .toMatch(/^Canvas Club\s+Critical\s+revoked\s+0\s+0\s+0\s+8/);
    await screenshot(campaignPage.page, "campaign-revoked");
    expect(await db.code.count({ where: { campaignId: campaign.id, status: "revoked" } })).toBe(8);
    await campaignPage.page.close();
  });
});
