// The production build, embedded in the emulator's Shopify admin, serves
// the Polaris shell to a merchant's browser through the real auth path (session token, token
// exchange), and nothing to a request without a valid session token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import type { RunningEmulator } from "../../emulator/server";
import { createShop } from "../../emulator/store/shops";
import { embeddedAppUrl } from "../../emulator/admin/embed-url";
import type { AppRegistration } from "../../emulator/store/types";
import { DEMO_API_KEY, type RunningApp } from "../../emulator/app-process";
import { browserTestsEnabled, DESKTOP_CHROME_UA, launchChromium } from "../support/browser";
import { startEmbeddedApp, stopEmbeddedApp } from "../support/embedded-app";

// A shop of this test's own: other tests share the database and give the demo shop campaigns,
// and this test must see the empty-state dashboard a newly installed merchant sees.
const SHOP = "onecode-embedded-shell.myshopify.com";

let emulator: RunningEmulator;
let app: RunningApp;
let registration: AppRegistration;

beforeAll(async () => {
  ({ emulator, app, registration } = await startEmbeddedApp({
    seed: (state) => {
      createShop(state, { domain: SHOP, name: "Embedded Shell Shop", currency: "USD" });
    },
  }));
}, 120_000);

afterAll(() => stopEmbeddedApp({ app, emulator }));

const browserHeaders = { "User-Agent": DESKTOP_CHROME_UA };

async function appUrlWith(change: (params: URLSearchParams) => void): Promise<string> {
  const url = new URL(
    await embeddedAppUrl(emulator.state, SHOP, registration, "/app", new URLSearchParams()),
  );
  change(url.searchParams);
  return url.toString();
}

describe("the embedded admin, served by the production build", () => {
  it("gives a merchant's browser the Polaris shell, after exchanging the session token", async () => {
    const response = await fetch(await appUrlWith(() => {}), {
      headers: browserHeaders,
      redirect: "manual",
    });
    const html = await response.text();
    expect(response.status, app.output()).toBe(200);
    expect(html).toContain("Polaris-Page");
    expect(html).toContain("Single-use codes that stay single-use");
    expect(html).toContain(`data-api-key="${DEMO_API_KEY}"`);
    // Token exchange installed the app on the emulator's shop: the app holds a working token.
    expect(emulator.state.tokens.size).toBeGreaterThan(0);
  });

  it("gives nothing to a request without a session token", async () => {
    const response = await fetch(await appUrlWith((p) => p.delete("id_token")), {
      headers: browserHeaders,
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/auth\/session-token\?/);
  });

  it("gives nothing to a request whose session token was not signed with the app's secret", async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ dest: `https://${SHOP}`, sid: "x" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(`https://${SHOP}/admin`)
      .setAudience(DEMO_API_KEY)
      .setSubject("1")
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 60)
      .sign(new TextEncoder().encode("not-the-app-secret"));
    const response = await fetch(await appUrlWith((p) => p.set("id_token", forged)), {
      headers: browserHeaders,
      redirect: "manual",
    });
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain("Polaris-Page");
  });
});

describe.skipIf(!browserTestsEnabled)("the embedded admin in Chromium", () => {
  it("opens from the emulator's admin, installs, and shows the dashboard with its navigation", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ userAgent: DESKTOP_CHROME_UA });
      await page.goto(`${emulator.url}/store/${SHOP}/apps/${DEMO_API_KEY}`);
      const install = page.getByRole("button", { name: "Install" });
      if (await install.count()) await install.click();
      const frame = page.frameLocator("iframe");
      await frame.getByText("Single-use codes that stay single-use").waitFor({ timeout: 20_000 });
      // App Bridge's <ui-nav-menu> reached the admin frame: the app's pages are in its navigation.
      for (const item of ["Campaigns", "Partners", "Reports", "Settings"]) {
        await page.getByRole("link", { name: item }).waitFor({ timeout: 5_000 });
      }
    } finally {
      await browser.close();
    }
  });

  it("opens every page from the admin's sidebar inside the same signed-in app", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ userAgent: DESKTOP_CHROME_UA });
      await page.goto(`${emulator.url}/store/${SHOP}/apps/${DEMO_API_KEY}`);
      const install = page.getByRole("button", { name: "Install" });
      if (await install.count()) await install.click();
      const frame = page.frameLocator("iframe");
      await frame.getByText("Single-use codes that stay single-use").waitFor({ timeout: 20_000 });
      // A mark on the app's window: it survives only if the app routes the click itself,
      // keeping its session, instead of being reloaded.
      const appFrame = page.frames().find((f) => f.url().startsWith(app.url))!;
      await appFrame.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
      const nav = page.getByRole("navigation", { name: "Admin" });
      for (const [item, path] of [
        ["Campaigns", "/app/campaigns"],
        ["Partners", "/app/partners"],
        ["Reports", "/app/reports"],
        ["Settings", "/app/settings"],
      ] as const) {
        await nav.getByRole("link", { name: item, exact: true }).click();
        await frame.getByRole("heading", { name: item, level: 1 }).waitFor({ timeout: 10_000 });
        expect(await frame.getByText("Log in").count()).toBe(0);
        await expect
          .poll(() => new URL(page.url()).pathname)
          .toBe(`/store/${SHOP}/apps/${DEMO_API_KEY}${path}`);
        expect(await appFrame.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(
          true,
        );
      }
      // The app's own name in the sidebar is its home.
      await nav.getByRole("link", { name: registration.title, exact: true }).click();
      await frame.getByText("Single-use codes that stay single-use").waitFor({ timeout: 20_000 });
      // The app's root sends the merchant on to /app, and the address bar follows.
      await expect
        .poll(() => new URL(page.url()).pathname)
        .toBe(`/store/${SHOP}/apps/${DEMO_API_KEY}/app`);
    } finally {
      await browser.close();
    }
  });
});
