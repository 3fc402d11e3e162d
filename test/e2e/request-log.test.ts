// The server's request log (what `npm run demo` and `npm start` print) never holds the session
// token, signature or session id Shopify puts in the URL of every embedded page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/server";
import { createShop } from "../../emulator/store/shops";
import { embeddedAppUrl } from "../../emulator/admin/embed-url";
import { DEMO_API_KEY, type RunningApp } from "../../emulator/app-process";
import { DESKTOP_CHROME_UA } from "../support/browser";
import { startEmbeddedApp, stopEmbeddedApp } from "../support/embedded-app";

const SHOP = "onecode-request-log.myshopify.com";

let emulator: RunningEmulator;
let app: RunningApp;

beforeAll(async () => {
  ({ emulator, app } = await startEmbeddedApp({
    seed: (state) => {
      createShop(state, { domain: SHOP, name: "Request Log Shop", currency: "USD" });
    },
  }));
}, 120_000);

afterAll(() => stopEmbeddedApp({ app, emulator }));

describe("the request log", () => {
  it("shows the pages a merchant opened without their session token, hmac or session id", async () => {
    const registration = emulator.state.apps.get(DEMO_API_KEY)!;
    const url = new URL(
      await embeddedAppUrl(emulator.state, SHOP, registration, "/app", new URLSearchParams()),
    );
    const response = await fetch(url, { headers: { "User-Agent": DESKTOP_CHROME_UA } });
    expect(response.status, app.output()).toBe(200);
    await expect.poll(() => app.output()).toMatch(/GET \/app\?\S*id_token=\[redacted\]/);

    const log = app.output();
    for (const name of ["id_token", "hmac", "session"]) {
      const secret = url.searchParams.get(name)!;
      expect(secret.length).toBeGreaterThan(8);
      expect(log).not.toContain(secret);
      expect(log).not.toContain(encodeURIComponent(secret));
    }
    expect(log).toContain(`shop=${SHOP}`);
  });
});
