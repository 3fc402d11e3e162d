import "@shopify/shopify-api/adapters/web-api";
import { existsSync } from "node:fs";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { chromium, type Browser, type Frame, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_MOUNTS, startEmulator, type RunningEmulator } from "../server";
import { loadAppRegistration } from "../store/app-config";
import { installApp } from "../store/shops";
import { createEmulatorState } from "../store/state";
import type { AppRegistration } from "../store/types";
import { webhookServiceOf } from "../webhooks/registry";
import { startTestApp, type TestApp } from "./test-app";

// The App Bridge stand-in and the admin page, driven in Debian's Chromium: the app is embedded
// as Shopify embeds it and every App Bridge feature the app uses is exercised end to end.

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SHOP = "onecode-demo.myshopify.com";

let app: TestApp;
let emulator: RunningEmulator;
let registration: AppRegistration;
let browser: Browser;
let page: Page;

const library = () =>
  shopifyApi({
    apiKey: registration.apiKey,
    apiSecretKey: registration.apiSecret,
    apiVersion: ApiVersion.April26,
    hostName: new URL(app.url).host,
    hostScheme: "http",
    isEmbeddedApp: true,
    logger: { level: 0 },
  });

async function appFrame(): Promise<Frame> {
  const frame = await (await page.$("#app-frame"))!.contentFrame();
  if (!frame) throw new Error("no app frame");
  return frame;
}

async function openApp(path = "/app"): Promise<Frame> {
  await page.goto(`${emulator.url}/store/${SHOP}/apps/${registration.apiKey}${path}`);
  const frame = await appFrame();
  await frame.waitForFunction(() => "shopify" in window);
  return frame;
}

describe.skipIf(!existsSync(CHROMIUM))("App Bridge stand-in in Chromium", () => {
  beforeAll(async () => {
    let emulatorUrl = "";
    registration = loadAppRegistration({ env: {} });
    app = await startTestApp(() => emulatorUrl, registration.apiKey);
    registration = loadAppRegistration({ env: { SHOPIFY_APP_URL: app.url } });
    const state = createEmulatorState({ apps: [registration] });
    emulator = await startEmulator({ port: 0, state, mounts: DEFAULT_MOUNTS });
    emulatorUrl = emulator.url;
    installApp(state, SHOP, registration.apiKey, registration.scopes);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
    await app?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage();
    page.on("pageerror", (error) => console.error("page error:", error));
  });

  it("embeds the app with Shopify's signed query and a session token", async () => {
    await openApp();
    const load = app.seen.find((r) => r.url.pathname === "/app")!;
    const query = Object.fromEntries(load.url.searchParams);
    expect(query).toMatchObject({ embedded: "1", shop: SHOP, locale: "en" });
    const shopify = library();
    expect(await shopify.utils.validateHmac(query)).toBe(true);
    expect(shopify.utils.sanitizeHost(query.host!)).toBe(query.host);
    const claims = await shopify.session.decodeSessionToken(query.id_token!);
    expect(claims.dest).toBe(`https://${SHOP}`);
    expect(claims.sid).toBe(query.session);
    await page.close();
  });

  it("gives the app its config and fresh session tokens, and signs its fetches", async () => {
    const frame = await openApp();
    const config = await frame.evaluate(() => ({
      ...(window as unknown as { shopify: { config: object } }).shopify.config,
    }));
    expect(config).toMatchObject({
      apiKey: registration.apiKey,
      shop: SHOP,
      host: expect.any(String),
    });
    const token = await frame.evaluate(() =>
      (window as unknown as { shopify: { idToken(): Promise<string> } }).shopify.idToken(),
    );
    expect((await library().session.decodeSessionToken(token)).aud).toBe(registration.apiKey);
    const echoed = await frame.evaluate(() => fetch("/api/whoami").then((r) => r.json()));
    expect(echoed.authorization).toMatch(/^Bearer /);
    await expect(
      library().session.decodeSessionToken(echoed.authorization.slice(7)),
    ).resolves.toBeTruthy();
    const retried = await frame.evaluate(() => fetch("/api/flaky").then((r) => r.status));
    expect(retried).toBe(200);
    await page.close();
  });

  it("shows the app's nav menu and title bar in the admin and relays clicks", async () => {
    const frame = await openApp();
    await expect
      .poll(() => page.locator("#app-nav a").allTextContents())
      .toEqual(["Campaigns", "Settings"]);
    await expect.poll(() => page.locator("#title").textContent()).toContain("Dashboard");
    await page.getByRole("button", { name: "Create campaign" }).click();
    await expect
      .poll(() => frame.evaluate(() => (window as unknown as { clicked?: string }).clicked))
      .toBe("create");
    await page.locator("#app-nav a", { hasText: "Settings" }).click();
    await expect
      .poll(() => new URL(page.url()).pathname)
      .toBe(`/store/${SHOP}/apps/${registration.apiKey}/app/settings`);
    await expect.poll(async () => (await appFrame()).url()).toContain("/app/settings");
    // This app does not route the click itself: as Shopify admin does, the admin loads the page
    // into the frame with Shopify's signed query, so the app can authenticate it.
    const load = app.seen.find((r) => r.url.pathname === "/app/settings")!;
    expect(load.url.searchParams.get("shop")).toBe(SHOP);
    expect(await library().utils.validateHmac(Object.fromEntries(load.url.searchParams))).toBe(
      true,
    );
    expect(load.url.searchParams.get("id_token")).toBeTruthy();
    await page.close();
  });

  it("shows toasts and the save bar, whose buttons press the app's", async () => {
    const frame = await openApp();
    await frame.evaluate(() =>
      (window as unknown as { shopify: { toast: { show(m: string): string } } }).shopify.toast.show(
        "Campaign saved",
      ),
    );
    await expect.poll(() => page.locator(".toast").textContent()).toContain("Campaign saved");
    await frame.evaluate(() =>
      (
        window as unknown as { shopify: { saveBar: { show(id: string): Promise<void> } } }
      ).shopify.saveBar.show("campaign-form"),
    );
    await expect.poll(() => page.locator("#savebar").isVisible()).toBe(true);
    // Leaving with unsaved changes is blocked.
    await page.locator("#app-nav a", { hasText: "Campaigns" }).click();
    expect((await appFrame()).url()).not.toContain("/app/campaigns");
    await page.locator("#save").click();
    await expect
      .poll(() => frame.evaluate(() => (window as unknown as { saved?: boolean }).saved))
      .toBe(true);
    await page.close();
  });

  it("picks products in the admin's resource picker", async () => {
    const frame = await openApp();
    const picked = frame.evaluate(() =>
      (
        window as unknown as {
          shopify: {
            resourcePicker(
              o: object,
            ): Promise<{ id: string; title: string; variants: unknown[] }[] | undefined>;
          };
        }
      ).shopify
        .resourcePicker({ type: "product", multiple: true })
        .then((selection) =>
          selection?.map((p) => ({ id: p.id, title: p.title, variants: p.variants.length })),
        ),
    );
    const dialog = page.getByRole("dialog", { name: "Add products" });
    await dialog.locator("label").first().waitFor();
    await dialog.locator("label").nth(0).click();
    await dialog.locator("label").nth(1).click();
    await dialog.getByRole("button", { name: "Add" }).click();
    const selection = await picked;
    expect(selection).toHaveLength(2);
    for (const product of selection!) {
      expect(product.id).toMatch(/^gid:\/\/shopify\/Product\/\d+$/);
      expect(product.variants).toBeGreaterThan(0);
    }
    const cancelled = frame.evaluate(() =>
      (
        window as unknown as { shopify: { resourcePicker(o: object): Promise<unknown> } }
      ).shopify.resourcePicker({ type: "collection" }),
    );
    await page
      .getByRole("dialog", { name: "Add collection" })
      .getByRole("button", { name: "Cancel" })
      .click();
    expect(await cancelled).toBeUndefined();
    await page.close();
  });

  it("bounces through the session-token page back to the app with id_token", async () => {
    const frame = await openApp();
    const reload = `${app.url}/app/reloaded?campaign=42`;
    const bounce = new URL(`${app.url}/auth/session-token`);
    bounce.search = new URLSearchParams({
      shop: SHOP,
      embedded: "1",
      "shopify-reload": reload,
    }).toString();
    await frame.goto(bounce.href);
    await expect.poll(async () => (await appFrame()).url()).toContain("/app/reloaded");
    const landed = new URL((await appFrame()).url());
    expect(landed.searchParams.get("campaign")).toBe("42");
    expect(
      (await library().session.decodeSessionToken(landed.searchParams.get("id_token")!)).dest,
    ).toBe(`https://${SHOP}`);
    await page.close();
  });

  it("carries window.open(url, '_top') to the admin, mapping Shopify admin URLs", async () => {
    const frame = await openApp();
    await frame.evaluate(
      (key) =>
        window.open(`https://admin.shopify.com/store/onecode-demo/apps/${key}/app/x`, "_top"),
      registration.apiKey,
    );
    await expect
      .poll(() => new URL(page.url()).pathname)
      .toBe(`/store/${SHOP}/apps/${registration.apiKey}/app/x`);
    await page.close();
  });

  it("uninstalls from the admin and the app gets a valid app/uninstalled webhook", async () => {
    await page.goto(`${emulator.url}/store/${SHOP}`);
    await page.getByRole("button", { name: "Uninstall" }).click();
    await page.waitForURL(`${emulator.url}/store/${SHOP}`);
    await webhookServiceOf(emulator.state).idle();
    const hook = app.seen.find((r) => r.url.pathname === "/webhooks/app/uninstalled")!;
    expect(hook.headers["x-shopify-topic"]).toBe("app/uninstalled");
    const rawRequest = new Request(`${app.url}${hook.url.pathname}`, {
      method: "POST",
      headers: Object.entries(hook.headers).map(([k, v]) => [k, String(v)] as [string, string]),
      body: hook.body,
    });
    expect(await library().webhooks.validate({ rawBody: hook.body, rawRequest })).toMatchObject({
      valid: true,
      domain: SHOP,
    });
    expect(JSON.parse(hook.body)).toMatchObject({ myshopify_domain: SHOP });
    await page.getByRole("button", { name: "Install" }).waitFor();
    await page.close();
  });
});
