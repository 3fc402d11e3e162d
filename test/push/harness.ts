// End-to-end push tests: the emulator (a strict local Shopify) on a free port, the app's real
// Shopify library pointed at it, shops installed with an offline session in the test database.
// Each test file gets its own shops, so files running side by side on one database never meet
// (workers are limited to their file's shops).
import { randomBytes } from "node:crypto";
import { Session } from "@shopify/shopify-api";
import {
  startEmulator,
  type RunningEmulator,
  type StartEmulatorOptions,
} from "../../emulator/server";
import { codesOfDiscount, createShop, getShop, installApp } from "../../emulator/store/index";

export interface PushEmulator {
  emulator: RunningEmulator;
  /** Environment a worker process needs to reach this emulator. */
  env: Record<string, string>;
}

/** Starts the emulator and points the app's Shopify library at it (before the app is imported). */
export async function startPushEmulator(options: StartEmulatorOptions = {}): Promise<PushEmulator> {
  const emulator = await startEmulator({
    port: 0,
    mounts: [],
    state: { bulkCreationDelayMs: 20, jobDelayMs: 20 },
    bucket: { maximumAvailable: 1000, restoreRate: 5000 },
    ...options,
  });
  const app = [...emulator.state.apps.values()][0];
  if (!app) throw new Error("The emulator knows no app (shopify.app.toml)");
  const env = {
    SHOPIFY_API_KEY: app.apiKey,
    SHOPIFY_API_SECRET: app.apiSecret,
    SHOPIFY_APP_URL: "http://localhost:3000",
    SCOPES: app.scopes.join(","),
    SHOPIFY_EMULATOR_URL: emulator.url,
  };
  Object.assign(process.env, env);
  return { emulator, env };
}

/** A new shop in the emulator with the app installed, and its offline session and Shop row. */
export async function installShop(emulator: RunningEmulator, name: string): Promise<string> {
  const shop = `${name}-${randomBytes(3).toString("hex")}.myshopify.com`;
  createShop(emulator.state, { domain: shop });
  const app = [...emulator.state.apps.values()][0];
  if (!app) throw new Error("The emulator knows no app");
  const token = installApp(emulator.state, shop, app.apiKey, app.scopes);
  const { sessionStorage } = await import("../../app/shopify.server");
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${shop}`,
      shop,
      state: "",
      isOnline: false,
      accessToken: token,
      scope: app.scopes.join(","),
    }),
  );
  const { default: db } = await import("../../app/db.server");
  await db.shop.create({ data: { domain: shop } });
  return shop;
}

export const CODE_FORMAT = { length: 10 };

/**
 * A campaign with `count` freshly minted codes, status minting (startPush moves it on);
 * `bindingKey` makes it a campaign of customer-bound codes.
 */
export async function createCampaign(
  shop: string,
  count: number,
  name = "Spring sale",
  bindingKey: string | null = null,
) {
  const { default: db } = await import("../../app/db.server");
  const { mintCodes } = await import("../../app/codes/mint.server");
  const { parseFormat } = await import("../../app/codes/format");
  const campaign = await db.campaign.create({
    data: {
      shop,
      status: "minting",
      name,
      rules: {
        v: 1,
        campaignId: "set-by-push",
        reward: { kind: "amount", target: "order", value: { percent: 10 } },
      },
      codeFormat: CODE_FORMAT,
      requestedCount: count,
      startsAt: new Date("2026-01-01T00:00:00Z"),
      bindingKey,
    },
  });
  const format = parseFormat(CODE_FORMAT);
  if (!format.ok) throw new Error("bad test format");
  if (count > 0) await mintCodes({ shop, campaignId: campaign.id, format: format.format, count });
  return campaign.id;
}

/** The campaign's live codes in the database, and the codes of its discount in the emulator. */
export async function codeSets(emulator: RunningEmulator, shop: string, campaignId: string) {
  const { default: db } = await import("../../app/db.server");
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  const live = await db.code.findMany({
    where: { campaignId, pushState: "live" },
    select: { code: true },
  });
  const record = getShop(emulator.state, shop);
  const inShopify =
    record && campaign.shopifyDiscountId
      ? codesOfDiscount(record, campaign.shopifyDiscountId).map((c) => c.code)
      : [];
  const norm = (codes: string[]) => codes.map((c) => c.toUpperCase()).sort();
  return { database: norm(live.map((c) => c.code)), shopify: norm(inShopify) };
}

/** Waits (without asserting on time) until `done` holds, failing with `describe` after `limitMs`. */
export async function waitFor(
  done: () => Promise<boolean>,
  describe: () => Promise<unknown>,
  limitMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await done())) {
    if (Date.now() > deadline) {
      throw new Error(`Gave up waiting; state: ${JSON.stringify(await describe(), null, 2)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const FAST_WORKER = {
  leaseMs: 2_000,
  idleMs: 20,
  retryMs: 200,
  polls: { initialMs: 30, minMs: 10, maxMs: 300 },
};

/** Gives `code` to another (basic) discount of the shop, as if the merchant had made it by hand. */
export async function occupyCode(
  emulator: RunningEmulator,
  shop: string,
  code: string,
): Promise<string> {
  const { createCodeDiscount, addRedeemCode } = await import("../../emulator/store/index");
  const record = getShop(emulator.state, shop);
  if (!record) throw new Error(`No shop ${shop}`);
  const discount = createCodeDiscount(emulator.state, record, {
    kind: "basic",
    title: "Hand-made discount",
    startsAt: "2026-01-01T00:00:00Z",
    endsAt: null,
    usageLimit: null,
    appliesOncePerCustomer: false,
    combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: false },
    discountClasses: ["ORDER"],
    tags: [],
    functionId: null,
    appApiKey: null,
    appliesOnOneTimePurchase: true,
    appliesOnSubscription: false,
    recurringCycleLimit: null,
    basic: null,
    customerIds: null,
  });
  const added = addRedeemCode(emulator.state, record, discount.id, code, null);
  if ("error" in added) throw new Error(added.error.message);
  return discount.id;
}
