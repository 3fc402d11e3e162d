// A restarted `npm run demo`: the emulator's Shopify comes back from its file beside the app's
// database, so the codes the app pushed still work at checkout and the app's token still works.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { createShop, requireShop } from "../../emulator/store/shops";
import { createProduct } from "../../emulator/store/catalog";
import { embeddedAppUrl } from "../../emulator/admin/embed-url";
import type { AppRegistration } from "../../emulator/store/types";
import { freePort, startApp, type RunningApp } from "../../emulator/app-process";
import { DESKTOP_CHROME_UA } from "../support/browser";
import { demoRegistration } from "../support/embedded-app";
import { codeSets, createCampaign, waitFor } from "../push/harness";

const SHOP = `onecode-restart-${Date.now().toString(36)}.myshopify.com`;
const dir = mkdtempSync(path.join(tmpdir(), "onecode-demo-restart-"));
const stateFile = path.join(dir, "emulator-state.json");

let emulatorPort: number;
let emulator: RunningEmulator;
let app: RunningApp;
let registration: AppRegistration;

function startDemoEmulator(): Promise<RunningEmulator> {
  return startEmulator({
    port: emulatorPort,
    state: { apps: [registration], bulkCreationDelayMs: 20, jobDelayMs: 20 },
    stateFile,
  });
}

beforeAll(async () => {
  const port = await freePort();
  emulatorPort = await freePort();
  registration = demoRegistration(port);
  emulator = await startDemoEmulator();
  const shop = createShop(emulator.state, { domain: SHOP, name: "Restart Shop", currency: "USD" });
  createProduct(emulator.state, shop, { title: "Mug", variants: [{ priceCents: 2500 }] });
  app = await startApp({
    port,
    emulatorUrl: emulator.url,
    databaseUrl: inject("databaseUrl"),
    env: { ONECODE_IN_APP_WORKER: "1", PUSH_SHOPS: SHOP },
  });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pushCampaign(count: number, name: string): Promise<string> {
  const { pushProgress } = await import("../../app/push/progress.server");
  const { startPush } = await import("../../app/push/control.server");
  const campaignId = await createCampaign(SHOP, count, name);
  expect(await startPush(SHOP, campaignId)).toEqual({ ok: true });
  const progress = () => pushProgress(SHOP, campaignId);
  await waitFor(async () => (await progress())?.status === "active", progress, 30_000);
  return campaignId;
}

describe("restarting the demo", () => {
  it("keeps the emulator's shop: pushed codes still work at checkout, the app's token still works", async () => {
    const opened = await fetch(
      await embeddedAppUrl(emulator.state, SHOP, registration, "/app", new URLSearchParams()),
      { headers: { "User-Agent": DESKTOP_CHROME_UA } },
    );
    expect(opened.status, app.output()).toBe(200);
    const before = await pushCampaign(300, "Before the restart");
    const { database } = await codeSets(emulator, SHOP, before);
    expect(database).toHaveLength(300);

    await emulator.close();
    emulator = await startDemoEmulator();

    // Shopify still holds every code the app shows live.
    expect((await codeSets(emulator, SHOP, before)).shopify).toEqual(database);
    const variantId = [...requireShop(emulator.state, SHOP).products.values()][0]!.variants[0]!.id;
    const checkout = await fetch(`${emulator.url}/store/${SHOP}/checkout`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        lines: [{ variantId, quantity: 2 }],
        customerId: null,
        email: "buyer@example.com",
        discountCodes: [database[0]],
      }),
    });
    const body = await checkout.text();
    expect(checkout.status, body).toBe(201);

    // And the app goes on pushing with the token it had, without the merchant doing anything.
    const after = await pushCampaign(50, "After the restart");
    const sets = await codeSets(emulator, SHOP, after);
    expect(sets.shopify).toHaveLength(50);
    expect(sets.shopify).toEqual(sets.database);
  }, 90_000);
});
