// The emulator's Shopify kept in a file, so a restarted `npm run demo` finds the shops, codes,
// orders and tokens that the app's database (beside it in .data/) remembers. Everything a shop
// holds is saved; what is not: webhook deliveries still waiting for a retry, authorization codes
// (minutes long) and admin logins (made again on the next visit).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { authStateOf, type RefreshGrant } from "../auth/auth-state";
import { extrasOf, rememberCheckoutExtras } from "../checkout/order-changes";
import type { CheckoutExtras } from "../checkout/order-payload";
import type { EmulatorState, TokenRecord } from "./context";
import type { Gid, ShopRecord } from "./types";

const VERSION = 1;

interface Snapshot {
  version: number;
  nextId: bigint;
  shops: Map<string, ShopRecord>;
  tokens: Map<string, TokenRecord>;
  refreshTokens: Map<string, RefreshGrant>;
  /** [shop, order id, extras]: the checkout's presentment details of each order. */
  checkoutExtras: [string, Gid, CheckoutExtras][];
}

// JSON has no Map, Set or bigint; these tags carry them through.
function encode(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value] };
  if (value instanceof Set) return { $set: [...value] };
  if (typeof value === "bigint") return { $bigint: value.toString() };
  return value;
}

function decode(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const tagged = value as { $map?: [unknown, unknown][]; $set?: unknown[]; $bigint?: string };
  if (tagged.$map) return new Map(tagged.$map);
  if (tagged.$set) return new Set(tagged.$set);
  if (tagged.$bigint !== undefined) return BigInt(tagged.$bigint);
  return value;
}

export function serializeEmulatorState(state: EmulatorState): string {
  const snapshot: Snapshot = {
    version: VERSION,
    nextId: state.ids.next,
    shops: state.shops,
    tokens: state.tokens,
    refreshTokens: authStateOf(state).refreshTokens,
    checkoutExtras: [...state.shops.values()].flatMap((shop) =>
      [...shop.orders.values()].map((order): [string, Gid, CheckoutExtras] => [
        shop.domain,
        order.id,
        extrasOf(order),
      ]),
    ),
  };
  return JSON.stringify(snapshot, encode);
}

/** Replaces the state's shops, tokens and ids with the saved ones; apps and listeners stay. */
export function restoreEmulatorState(state: EmulatorState, text: string): void {
  const snapshot = JSON.parse(text, decode) as Snapshot;
  if (snapshot.version !== VERSION) {
    throw new Error(`it was written by another version of the emulator (${snapshot.version})`);
  }
  state.ids.next = snapshot.nextId;
  state.shops.clear();
  for (const [domain, shop] of snapshot.shops) state.shops.set(domain, shop);
  state.tokens.clear();
  for (const [token, record] of snapshot.tokens) state.tokens.set(token, record);
  const auth = authStateOf(state);
  auth.refreshTokens.clear();
  for (const [token, grant] of snapshot.refreshTokens) auth.refreshTokens.set(token, grant);
  for (const [domain, orderId, extras] of snapshot.checkoutExtras) {
    const order = state.shops.get(domain)?.orders.get(orderId);
    if (order) rememberCheckoutExtras(order, extras);
  }
}

export interface StateFile {
  /** Something changed: saved within a second or so. */
  changed(): void;
  /** Saves now if anything changed, and stops saving. */
  close(): void;
}

/**
 * Restores the state from `file` when it exists, then keeps the file up to date. A save never
 * runs more often than every second, nor takes more than a fifth of the time (large shops).
 */
export function keepStateInFile(state: EmulatorState, file: string): StateFile {
  if (existsSync(file)) restoreEmulatorState(state, readFileSync(file, "utf8"));
  let dirty = false;
  let timer: NodeJS.Timeout | null = null;
  let gapMs = 1000;
  const save = () => {
    timer = null;
    if (!dirty) return;
    dirty = false;
    const started = Date.now();
    mkdirSync(path.dirname(file), { recursive: true });
    // Written beside and renamed over: a crash mid-write leaves the previous save intact.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, serializeEmulatorState(state));
    renameSync(temporary, file);
    gapMs = Math.max(1000, 5 * (Date.now() - started));
  };
  return {
    changed() {
      dirty = true;
      if (!timer) timer = setTimeout(save, gapMs).unref();
    },
    close() {
      if (timer) clearTimeout(timer);
      save();
    },
  };
}
