import { loadAppRegistration } from "./app-config";
import { seedDemoShop } from "./seed";
import type { AppRegistration } from "./types";
import type { EmulatorState } from "./context";

/** Shopify documents no per-shop code cap; 20,000,000 is the figure Shopify's help pages give for codes. */
export const DEFAULT_MAX_CODES_PER_SHOP = 20_000_000;
/** First id past 2^53: with `bigIds`, every id is one a JS number cannot hold exactly. */
export const BIG_ID_START = 2n ** 53n + 1n;

export interface EmulatorStateOptions {
  /** Clock in epoch ms; inject a fake one for deterministic tests. Default Date.now. */
  now?: () => number;
  /** First numeric id handed out. Default 1001. */
  idStart?: bigint | number | string;
  /** Shorthand for idStart = 2^53 + 1, so the app is exercised with ids a JS number cannot hold. */
  bigIds?: boolean;
  /** Cap on redeem codes per shop, over all its discounts. */
  maxCodesPerShop?: number;
  /** Delay before a discountRedeemCodeBulkAdd job runs (its `done` turns true). Default 250 ms. */
  bulkCreationDelayMs?: number;
  /** Delay before other asynchronous jobs (redeem code bulk delete) run. Default 250 ms. */
  jobDelayMs?: number;
  /** Apps the emulator knows. Default: the one read from the repo's shopify.app.toml. */
  apps?: AppRegistration[];
  /** Create onecode-demo.myshopify.com with its catalog and customers. Default true. */
  seedDemo?: boolean;
}

export function createEmulatorState(options: EmulatorStateOptions = {}): EmulatorState {
  const start = options.bigIds ? BIG_ID_START : BigInt(options.idStart ?? 1001);
  const state: EmulatorState = {
    options: {
      maxCodesPerShop: options.maxCodesPerShop ?? DEFAULT_MAX_CODES_PER_SHOP,
      bulkCreationDelayMs: options.bulkCreationDelayMs ?? 250,
      jobDelayMs: options.jobDelayMs ?? 250,
    },
    now: options.now ?? Date.now,
    ids: { next: start },
    shops: new Map(),
    apps: new Map(),
    tokens: new Map(),
    listeners: new Set(),
  };
  for (const app of options.apps ?? [loadAppRegistration()]) state.apps.set(app.apiKey, app);
  if (options.seedDemo ?? true) seedDemoShop(state);
  resetPlans.set(state, { start, seedDemo: options.seedDemo ?? true });
  return state;
}

const resetPlans = new WeakMap<EmulatorState, { start: bigint; seedDemo: boolean }>();

/**
 * Back to the state createEmulatorState made (shops, tokens, ids; the demo shop reseeded), in
 * place, so every part holding this state object sees the reset. Apps and listeners stay.
 */
export function resetEmulatorState(state: EmulatorState): void {
  const plan = resetPlans.get(state);
  if (!plan) throw new Error("resetEmulatorState: state was not made by createEmulatorState");
  state.shops.clear();
  state.tokens.clear();
  state.ids.next = plan.start;
  if (plan.seedDemo) seedDemoShop(state);
}
