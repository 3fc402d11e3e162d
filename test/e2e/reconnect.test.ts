// "OneCode no longer has access… Open OneCode from your Shopify admin to reconnect it": when Shopify
// refuses the app's token, the push stops with that sentence, and opening the app is all the
// merchant does: the app gets a new token and the push finishes by itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/server";
import { createShop } from "../../emulator/store/shops";
import { embeddedAppUrl } from "../../emulator/admin/embed-url";
import { authStateOf } from "../../emulator/auth/auth-state";
import { revokeAppTokens } from "../../emulator/auth/grants";
import type { AppRegistration } from "../../emulator/store/types";
import { DEMO_API_KEY, type RunningApp } from "../../emulator/app-process";
import { DESKTOP_CHROME_UA } from "../support/browser";
import { startEmbeddedApp, stopEmbeddedApp } from "../support/embedded-app";
import { codeSets, createCampaign, waitFor } from "../push/harness";

const SHOP = `onecode-reconnect-${Date.now().toString(36)}.myshopify.com`;

let emulator: RunningEmulator;
let app: RunningApp;
let registration: AppRegistration;

beforeAll(async () => {
  ({ emulator, app, registration } = await startEmbeddedApp({
    emulatorState: { bulkCreationDelayMs: 20, jobDelayMs: 20 },
    seed: (state) => {
      createShop(state, { domain: SHOP, name: "Reconnect Shop", currency: "USD" });
    },
    // The app's own background work, for this test's shop only (files share the database).
    env: { ONECODE_IN_APP_WORKER: "1", PUSH_SHOPS: SHOP },
  }));
}, 120_000);

afterAll(() => stopEmbeddedApp({ app, emulator }));

/** The merchant opens OneCode from the Shopify admin (a fresh session token each time). */
async function openApp(): Promise<void> {
  const url = await embeddedAppUrl(
    emulator.state,
    SHOP,
    registration,
    "/app",
    new URLSearchParams(),
  );
  const response = await fetch(url, { headers: { "User-Agent": DESKTOP_CHROME_UA } });
  expect(response.status, app.output()).toBe(200);
}

describe("a push whose access token Shopify refuses", () => {
  it("stops with the reconnect advice, and finishes by itself once the merchant opens the app", async () => {
    await openApp();
    const { pushProgress } = await import("../../app/push/progress.server");
    const { startPush } = await import("../../app/push/control.server");

    revokeAppTokens(emulator.state, authStateOf(emulator.state), SHOP, DEMO_API_KEY);
    const campaignId = await createCampaign(SHOP, 600, "Reconnect sale");
    expect(await startPush(SHOP, campaignId)).toEqual({ ok: true });

    const progress = () => pushProgress(SHOP, campaignId);
    await waitFor(
      async () => /no longer has access/.test((await progress())?.lastError ?? ""),
      progress,
      30_000,
    );
    expect((await progress())?.lastError).toBe(
      `OneCode no longer has access to ${SHOP}. Open OneCode from your Shopify admin to reconnect it; the push resumes by itself afterwards.`,
    );

    await openApp();
    await waitFor(async () => (await progress())?.status === "active", progress, 30_000);
    const sets = await codeSets(emulator, SHOP, campaignId);
    expect(sets.database).toHaveLength(600);
    expect(sets.shopify).toEqual(sets.database);
  }, 90_000);

  it("gives the same advice when the token's hour is over and Shopify refuses to refresh it", async () => {
    await openApp();
    const { default: db } = await import("../../app/db.server");
    const { pushProgress } = await import("../../app/push/progress.server");
    const { startPush } = await import("../../app/push/control.server");

    revokeAppTokens(emulator.state, authStateOf(emulator.state), SHOP, DEMO_API_KEY);
    // An hour on: the library refreshes an expiring token before using it.
    await db.session.updateMany({
      where: { shop: SHOP, isOnline: false },
      data: { expires: new Date(Date.now() - 60_000) },
    });
    const campaignId = await createCampaign(SHOP, 100, "Refresh refused");
    expect(await startPush(SHOP, campaignId)).toEqual({ ok: true });

    const progress = () => pushProgress(SHOP, campaignId);
    await waitFor(async () => (await progress())?.lastError !== null, progress, 30_000);
    expect((await progress())?.lastError).toBe(
      `OneCode no longer has access to ${SHOP}. Open OneCode from your Shopify admin to reconnect it; the push resumes by itself afterwards.`,
    );

    await openApp();
    await waitFor(async () => (await progress())?.status === "active", progress, 30_000);
    expect((await codeSets(emulator, SHOP, campaignId)).shopify).toHaveLength(100);
  }, 90_000);
});
