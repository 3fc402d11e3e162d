// The whole partner story end to end, through the app's own paths only: the production build
// embedded in the emulator's admin (Chromium), its background worker pushing codes into the
// emulator, the emulator's checkout running the real discount function and delivering signed
// order webhooks to the app, and the partner API over HTTP. A merchant creates a campaign and
// allocates it to two partners; one hands codes out by the allocation's CSV, the other claims
// them with an API key made on its API page; a code of each is redeemed and credited to its
// partner everywhere the merchant and the partner look, with no leak alert; then a code of the
// first turns up on an order from a coupon site, and the merchant revokes that allocation.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, FrameLocator, Page } from "playwright-core";
import db from "../../app/db.server";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { loadAppRegistration } from "../../emulator/store/app-config";
import { createProduct } from "../../emulator/store/catalog";
import { createShop } from "../../emulator/store/shops";
import { webhookServiceOf } from "../../emulator/webhooks/registry";
import {
  DEMO_API_KEY,
  DEMO_API_SECRET,
  freePort,
  startApp,
  type RunningApp,
} from "../../emulator/app-process";
import { browserTestsEnabled, DESKTOP_CHROME_UA, launchChromium } from "../support/browser";
import { contractChecker } from "../partner-api/openapi-check";

// A shop of this test's own: other end-to-end tests share the database.
const SHOP = "onecode-proof.myshopify.com";
const CAMPAIGN = "Proof week";
const PARTNER_A = "Atlas Deals";
const PARTNER_B = "Beacon CRM";

// PARTNERS_SCREENSHOTS=<directory> saves screenshots of the pages for a person to look at
// (a directory outside the repository: never committed).
const SCREENSHOTS = process.env.PARTNERS_SCREENSHOTS;

let emulator: RunningEmulator;
let app: RunningApp;
let browser: Browser;
let variantId = "";
let contract: Awaited<ReturnType<typeof contractChecker>>;

beforeAll(async () => {
  if (!browserTestsEnabled) return;
  const port = await freePort();
  const registration = loadAppRegistration({
    env: {
      SHOPIFY_API_KEY: DEMO_API_KEY,
      SHOPIFY_API_SECRET: DEMO_API_SECRET,
      SHOPIFY_APP_URL: `http://localhost:${port}`,
    },
  });
  emulator = await startEmulator({ port: 0, state: { apps: [registration] } });
  const shop = createShop(emulator.state, { domain: SHOP, name: "Proof Shop", currency: "USD" });
  variantId = createProduct(emulator.state, shop, {
    title: "Canvas Tote",
    variants: [{ priceCents: 4000 }],
  }).variants[0]!.id;
  // Orders reach the app as soon as they are placed.
  webhookServiceOf(emulator.state).switches.delayMs = 0;
  app = await startApp({
    port,
    emulatorUrl: emulator.url,
    databaseUrl: inject("databaseUrl"),
    env: { ONECODE_IN_APP_WORKER: "1", PUSH_SHOPS: SHOP },
  });
  browser = await launchChromium();
  contract = await contractChecker(app.url);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await emulator?.close();
});

/** `hydrate`: wait for React to take over the page's first form (pages without one: false). */
async function openInAdmin(
  path: string,
  hydrate = true,
): Promise<{ page: Page; frame: FrameLocator }> {
  const page = await browser.newPage({
    userAgent: DESKTOP_CHROME_UA,
    viewport: { width: 1400, height: 1600 },
    acceptDownloads: true,
  });
  page.setDefaultTimeout(20_000);
  await page.goto(`${emulator.url}/store/${SHOP}/apps/${DEMO_API_KEY}${path}`);
  const install = page.getByRole("button", { name: "Install" });
  if (await install.count()) await install.click();
  const frame = page.frameLocator("iframe");
  if (hydrate) await hydrated(frame);
  return { page, frame };
}

// Typed before React hydrates, text is wiped when React takes over the server-rendered inputs.
async function hydrated(frame: FrameLocator): Promise<void> {
  const form = frame.locator("form").first();
  await form.waitFor();
  await expect
    .poll(() => form.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps"))), {
      timeout: 20_000,
    })
    .toBe(true);
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** A key made on the partner's API page, the way a merchant makes one: the secret shown once. */
async function createKey(partnerId: string, label: string): Promise<string> {
  const { page, frame } = await openInAdmin(`/app/partners/${partnerId}/api`);
  const name = frame.getByLabel("New key's name");
  await name.fill(label);
  await expect.poll(() => name.inputValue()).toBe(label);
  await frame.getByRole("button", { name: "Create key" }).click();
  const token = await frame.getByLabel("API key").inputValue();
  // The page lists the new key by its prefix and offers to rotate it, the secret still shown.
  await frame.getByText(`${token.split("_").slice(0, 2).join("_")}_…`).waitFor();
  await frame.getByLabel("When rotating").waitFor();
  expect(await frame.getByLabel("API key").inputValue()).toBe(token);
  await page.close();
  expect(token).toMatch(/^oc_/);
  return token;
}

/** A partner's request to the API; every answer is checked against the served OpenAPI document. */
async function partnerApi(token: string, path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${app.url}/api/v1${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      ...init.headers,
    },
  });
  await contract(path.split("?")[0]!, init.method ?? "GET", response);
  return response;
}

/** A guest shopper buys one tote at the emulator's checkout with a code. */
async function checkout(code: string, email: string, referringSite?: string) {
  const response = await fetch(`${emulator.url}/store/${SHOP}/checkout`, {
    method: "POST",
    body: JSON.stringify({
      lines: [{ variantId, quantity: 1 }],
      email,
      discountCodes: [code],
      ...(referringSite ? { referringSite, landingSite: "/?ref=coupons" } : {}),
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function placed(code: string, email: string, referringSite?: string): Promise<string> {
  const result = await checkout(code, email, referringSite);
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  return (result.body as { order: { name: string } }).order.name;
}

interface Story {
  campaignId: string;
  partnerA: string;
  partnerB: string;
  codesA: string[];
  codesB: string[];
  tokenA: string;
  tokenB: string;
  orderA: string;
  orderB: string;
}
const story = {} as Story;

describe.skipIf(!browserTestsEnabled)("partners and distribution, end to end", () => {
  it("a campaign is created and allocated to two partners through the admin", async () => {
    const create = await openInAdmin("/app/campaigns/new");
    await create.frame.getByLabel("Name").fill(CAMPAIGN);
    await create.frame.getByLabel("How many codes").fill("12");
    await create.frame.getByText("Through allocations", { exact: true }).waitFor();
    await create.frame.getByRole("button", { name: "Create campaign" }).click();
    await create.frame.getByRole("link", { name: "Edit rules and reward" }).waitFor();
    await create.page.close();
    const campaign = await db.campaign.findFirstOrThrow({ where: { shop: SHOP, name: CAMPAIGN } });
    story.campaignId = campaign.id;
    // The app's worker pushes the codes into the emulator's Shopify.
    await expect
      .poll(
        async () => (await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status,
        { timeout: 60_000 },
      )
      .toBe("active");

    const partners = await openInAdmin("/app/partners");
    for (const [name, kind] of [
      [PARTNER_A, "affiliate"],
      [PARTNER_B, "affiliate"],
    ] as const) {
      await partners.frame.getByLabel("Name").fill(name);
      await partners.frame.getByLabel("Kind").selectOption(kind);
      await partners.frame.getByRole("button", { name: "Add partner" }).click();
      await partners.frame.getByRole("link", { name }).waitFor();
    }
    await partners.page.close();
    story.partnerA = (
      await db.partner.findFirstOrThrow({ where: { shop: SHOP, name: PARTNER_A } })
    ).id;
    story.partnerB = (
      await db.partner.findFirstOrThrow({ where: { shop: SHOP, name: PARTNER_B } })
    ).id;

    // Partner A from its own page, partner B from the campaign's page.
    const a = await openInAdmin(`/app/partners/${story.partnerA}`);
    await a.frame.getByRole("heading", { name: "Allocate codes" }).waitFor();
    await a.frame.getByLabel("Number of codes").fill("4");
    await a.frame.getByRole("button", { name: "Allocate", exact: true }).click();
    await a.frame.getByText(`4 codes allocated to ${PARTNER_A}.`).waitFor();
    await a.page.close();

    const b = await openInAdmin(`/app/campaigns/${story.campaignId}`);
    await b.frame.getByLabel("To", { exact: true }).selectOption({ label: PARTNER_B });
    await b.frame.getByLabel("Number of codes").fill("4");
    await b.frame.getByRole("button", { name: "Allocate", exact: true }).click();
    await b.frame.getByText(`4 codes allocated to ${PARTNER_B}.`).waitFor();
    await b.page.close();

    const allocations = await db.allocation.findMany({
      where: { shop: SHOP, campaignId: story.campaignId },
      select: { partnerId: true, _count: { select: { codes: true } } },
    });
    expect(allocations.map((x) => [x.partnerId, x._count.codes]).sort()).toEqual(
      [
        [story.partnerA, 4],
        [story.partnerB, 4],
      ].sort(),
    );
  }, 120_000);

  it("partner A takes its codes by the allocation's CSV, partner B by the API with a key made in the admin", async () => {
    const { page, frame } = await openInAdmin(`/app/partners/${story.partnerA}`);
    const row = frame.getByRole("row", { name: new RegExp(CAMPAIGN) });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      row.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    const csv = await readFile((await download.path())!, "utf8");
    story.codesA = csv
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(",")[0]!);
    expect(story.codesA).toHaveLength(4);
    await expect
      .poll(() => row.innerText())
      .toMatch(new RegExp(`^${CAMPAIGN}\\s+0\\s+4\\s+0\\s+0`));
    await page.close();

    story.tokenA = await createKey(story.partnerA, "Atlas site");
    story.tokenB = await createKey(story.partnerB, "Beacon CRM sync");

    // Partner B finds the codes set aside for it, and claims two of them.
    const listed = await partnerApi(story.tokenB, "/allocations");
    expect(listed.status).toBe(200);
    const allocations = ((await listed.json()) as { data: { id: string; campaign: string }[] })
      .data;
    expect(allocations).toHaveLength(1);
    const claim = () =>
      partnerApi(story.tokenB, "/claims", {
        method: "POST",
        headers: { "idempotency-key": "beacon-batch-1" },
        body: JSON.stringify({ allocation: allocations[0]!.id, quantity: 2 }),
      });
    const claimed = await claim();
    expect(claimed.status).toBe(201);
    story.codesB = ((await claimed.json()) as { codes: string[] }).codes;
    expect(story.codesB).toHaveLength(2);
    // A retry of the same request hands out nothing more.
    expect(((await (await claim()).json()) as { codes: string[] }).codes).toEqual(story.codesB);
    expect(story.codesB.some((code) => story.codesA.includes(code))).toBe(false);

    // Neither partner's key reaches the other's allocation.
    const foreign = await partnerApi(story.tokenA, "/claims", {
      method: "POST",
      body: JSON.stringify({ allocation: allocations[0]!.id, quantity: 1 }),
    });
    expect(foreign.status).toBe(404);
  }, 120_000);

  it("a code of each is redeemed at checkout and credited to its partner everywhere, with no leak alert", async () => {
    story.orderA = await placed(story.codesA[0]!, "ada@example.com");
    story.orderB = await placed(story.codesB[0]!.toLowerCase(), "grace@example.com");
    await expect
      .poll(() => db.redemption.count({ where: { shop: SHOP, state: "paid" } }), {
        timeout: 30_000,
      })
      .toBe(2);

    // The campaign page: each partner's allocation counts its redemption.
    const campaignPage = await openInAdmin(`/app/campaigns/${story.campaignId}`);
    // Allocation rows start with the partner; redemption rows with the order.
    const rowA = campaignPage.frame.getByRole("row", { name: new RegExp(`^${PARTNER_A}`) });
    const rowB = campaignPage.frame.getByRole("row", { name: new RegExp(`^${PARTNER_B}`) });
    expect(await rowA.innerText()).toMatch(
      new RegExp(`^${PARTNER_A}\\s+0\\s+3\\s+1\\s+0\\s+1 order · `),
    );
    expect(await rowB.innerText()).toMatch(
      new RegExp(`^${PARTNER_B}\\s+2\\s+1\\s+1\\s+0\\s+1 order · `),
    );
    await campaignPage.frame.getByText("Nothing suspicious so far.").waitFor();
    // The redemptions table credits each order to its partner.
    for (const [code, partner] of [
      [story.codesA[0]!, PARTNER_A],
      [story.codesB[0]!, PARTNER_B],
    ] as const) {
      const redemption = campaignPage.frame.getByRole("row", { name: new RegExp(code) });
      expect(await redemption.innerText()).toContain(partner);
    }
    await campaignPage.page.close();

    // Each partner's page: its allocation and its sales.
    for (const partnerId of [story.partnerA, story.partnerB]) {
      const { page, frame } = await openInAdmin(`/app/partners/${partnerId}`);
      const row = frame.getByRole("row", { name: new RegExp(CAMPAIGN) });
      expect(await row.innerText()).toMatch(/\s1\s+0\s+1 order · /);
      // The Sales card, above the report panel's summary of the same orders.
      const sales = frame.getByRole("row", { name: /^USD/ }).first();
      expect(await sales.innerText()).toMatch(/^USD\s+1\s/);
      if (partnerId === story.partnerA) await screenshot(page, "partner-credited");
      await page.close();
    }

    // Reports: one redemption per partner, none unattributed.
    const reports = await openInAdmin("/app/reports", false);
    for (const name of [PARTNER_A, PARTNER_B]) {
      const row = reports.frame.getByRole("row", { name: new RegExp(name) });
      await row.waitFor();
      expect(await row.innerText()).toMatch(new RegExp(`^${name}\\s+USD\\s+1\\s`));
    }
    expect(await reports.frame.getByRole("row", { name: /No partner/ }).count()).toBe(0);
    await reports.page.close();

    // The partners' own API: each sees its order, and only its own.
    for (const [token, order] of [
      [story.tokenA, story.orderA],
      [story.tokenB, story.orderB],
    ] as const) {
      const response = await partnerApi(token, "/redemptions");
      expect(response.status).toBe(200);
      const rows = ((await response.json()) as { data: { orderName: string; state: string }[] })
        .data;
      expect(rows.map((r) => [r.orderName, r.state])).toEqual([[order, "paid"]]);
    }

    expect(await db.anomaly.count({ where: { shop: SHOP } })).toBe(0);
  }, 120_000);

  it("a code of partner A on an order from a coupon site raises a leak alert, and the merchant revokes A's allocation", async () => {
    const couponOrder = await placed(
      story.codesA[1]!,
      "coupon-hunter@example.com",
      "https://www.retailmenot.com/view/proof-shop.com",
    );
    await expect
      .poll(() => db.anomaly.count({ where: { shop: SHOP, kind: "coupon_site_referral" } }), {
        timeout: 30_000,
      })
      .toBe(1);

    const { page, frame } = await openInAdmin(`/app/campaigns/${story.campaignId}`);
    await frame.getByText("An order came from a coupon site").waitFor();
    // The alert names the order as the merchant knows it (Orders, the redemptions below).
    await frame.getByText(new RegExp(`· ${couponOrder} · Open`)).waitFor();
    await frame.getByRole("button", { name: "Revoke the allocation's codes" }).click();
    const rowA = frame.getByRole("row", { name: new RegExp(`^${PARTNER_A}`) });
    // The two unredeemed codes of A are revoked; B's allocation is untouched.
    await expect
      .poll(() => rowA.innerText())
      .toMatch(new RegExp(`^${PARTNER_A}\\s+(Critical\\s+)?revoked\\s+0\\s+0\\s+2\\s+2`));
    expect(await frame.getByRole("row", { name: new RegExp(`^${PARTNER_B}`) }).innerText()).toMatch(
      new RegExp(`^${PARTNER_B}\\s+2\\s+1\\s+1\\s+0`),
    );
    await screenshot(page, "campaign-revoked");
    await page.close();

    const allocationA = await db.allocation.findFirstOrThrow({
      where: { shop: SHOP, partnerId: story.partnerA },
    });
    expect(allocationA.revokedAt).not.toBeNull();
    expect(
      await db.auditLog.count({
        where: { shop: SHOP, action: "allocation_revoked", subjectId: allocationA.id },
      }),
    ).toBe(1);

    // The app's worker deletes the revoked codes from Shopify: a shopper holding one is refused.
    await expect
      .poll(
        () =>
          db.code.count({
            where: { shop: SHOP, allocationId: allocationA.id, pushState: "removed" },
          }),
        { timeout: 60_000 },
      )
      .toBe(2);
    expect((await checkout(story.codesA[2]!, "late@example.com")).status).toBe(422);
    // Partner A reads the same from its own API: two redeemed, two revoked.
    for (const [status, count] of [
      ["redeemed", 2],
      ["revoked", 2],
    ] as const) {
      const listed = await partnerApi(story.tokenA, `/codes?status=${status}`);
      expect(((await listed.json()) as { data: unknown[] }).data, status).toHaveLength(count);
    }
    // Partner B's codes still work.
    await placed(story.codesB[1]!, "linus@example.com");
  }, 120_000);
});
