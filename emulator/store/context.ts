// The state object every store function takes (no globals: tests create as many as they like),
// plus the two things every store module needs from it: the clock and change events.
import type { IdSequence } from "./ids";
import type { AppRegistration, Gid, Order, ShopRecord } from "./types";

export interface ResolvedStateOptions {
  maxCodesPerShop: number;
  bulkCreationDelayMs: number;
  jobDelayMs: number;
}

export type StoreEvent =
  | { type: "app/installed"; shop: string; apiKey: string }
  | { type: "app/uninstalled"; shop: string; apiKey: string }
  | { type: "order/created"; shop: string; order: Order }
  | { type: "order/cancelled"; shop: string; order: Order }
  | { type: "order/refunded"; shop: string; order: Order; refundId: Gid };

export interface TokenRecord {
  shop: string;
  apiKey: string;
  kind: "offline" | "online";
  userId: string | null;
  /** Epoch ms, null for offline tokens. */
  expiresAt: number | null;
}

export interface EmulatorState {
  options: ResolvedStateOptions;
  now: () => number;
  ids: IdSequence;
  shops: Map<string, ShopRecord>;
  apps: Map<string, AppRegistration>;
  tokens: Map<string, TokenRecord>;
  listeners: Set<(event: StoreEvent) => void>;
}

export function nowIso(state: EmulatorState): string {
  return new Date(state.now()).toISOString();
}

/** Subscribe to store changes (installs, orders); returns the unsubscribe function. */
export function onStoreEvent(
  state: EmulatorState,
  listener: (event: StoreEvent) => void,
): () => void {
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

export function emit(state: EmulatorState, event: StoreEvent): void {
  for (const listener of state.listeners) listener(event);
}
