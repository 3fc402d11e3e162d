// The push worker: keeps each pushing campaign supplied with chunks, claims them across shops under
// a lease, works several per shop at once so the bucket never idles, and heartbeats its leases.
import { randomUUID } from "node:crypto";
import os from "node:os";
import db from "../db.server";
import { describeFailure, ShopifyAdminError } from "./admin-errors";
import { pacedAdminFor } from "./admin-registry.server";
import { released, type ChunkContext, type ChunkOutcome } from "./chunk-context";
import {
  claimableChunks,
  claimChunk,
  createAddChunks,
  ensureDiscountChunk,
  LeaseLost,
  releaseChunk,
  renewLeases,
} from "./chunk-store.server";
import { systemClock, type Clock } from "./clock";
import type { PacedAdmin } from "./paced-admin.server";
import { PollTimer, type PollTimerOptions } from "./poll-timer";
import { processChunk } from "./process-chunk.server";

export interface PushWorkerOptions {
  /** Lease owner id; default host, pid and a random suffix. */
  owner?: string;
  /** How long a claim lasts without a heartbeat (a dead worker's chunks wait this long). */
  leaseMs?: number;
  /** Pause between looks for work when there is none. */
  idleMs?: number;
  /** Chunks in flight per shop: enough that the bucket, not the round trips, sets the pace. */
  perShop?: number;
  /** Chunks in flight over all shops. */
  maxChunks?: number;
  /** Work only for these shops (sharding; tests sharing one database). Default: every shop. */
  onlyShops?: string[];
  /** Retry delay after Shopify could not be reached. */
  retryMs?: number;
  polls?: PollTimerOptions;
  adminFor?: (shop: string) => PacedAdmin;
  clock?: Clock;
  log?: (message: string) => void;
}

interface Task {
  shop: string;
  controller: AbortController;
  done: Promise<void>;
}

export class PushWorker {
  readonly owner: string;
  private readonly leaseMs: number;
  private readonly idleMs: number;
  private readonly perShop: number;
  private readonly maxChunks: number;
  private readonly retryMs: number;
  private readonly clock: Clock;
  private readonly adminFor: (shop: string) => PacedAdmin;
  private readonly log: (message: string) => void;
  private readonly tasks = new Map<string, Task>();
  private readonly pollTimers = new Map<string, PollTimer>();
  private loop: Promise<void> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private stopping = false;
  private woken = false;
  private wakeIdle: (() => void) | null = null;

  constructor(private readonly options: PushWorkerOptions = {}) {
    this.owner = options.owner ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.idleMs = options.idleMs ?? 1_000;
    this.perShop = options.perShop ?? 24;
    this.maxChunks = options.maxChunks ?? 64;
    this.retryMs = options.retryMs ?? 10_000;
    this.clock = options.clock ?? systemClock;
    this.adminFor = options.adminFor ?? ((shop) => pacedAdminFor(shop));
    this.log = options.log ?? ((message) => console.error(`[push] ${message}`));
  }

  start(): this {
    if (this.loop) return this;
    this.loop = this.run();
    this.heartbeat = setInterval(() => void this.renew(), Math.max(50, this.leaseMs / 3));
    return this;
  }

  /** Stops claiming, interrupts the chunks in hand and gives their leases back. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const task of this.tasks.values())
      task.controller.abort(new Error("The worker is stopping"));
    await this.loop;
    await Promise.all([...this.tasks.values()].map((task) => task.done));
  }

  /** Chunks this worker is working on now. */
  get inFlight(): number {
    return this.tasks.size;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        // Discounts first: a new campaign's discount is created while its chunks are made.
        const campaigns = await this.pushingCampaigns();
        await this.prepareDiscounts(campaigns);
        await this.claim();
        await this.prepareChunks(campaigns);
        await this.claim();
      } catch (error) {
        this.log(`looking for work failed: ${describeFailure(error)}`);
      }
      await this.idle();
    }
  }

  /** Waits `idleMs`, or less if a chunk finished meanwhile (even before the wait began). */
  private idle(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wakeIdle?.(), this.idleMs);
      this.wakeIdle = () => {
        clearTimeout(timer);
        this.wakeIdle = null;
        this.woken = false;
        resolve();
      };
    });
  }

  private wake(): void {
    this.woken = true;
    this.wakeIdle?.();
  }

  private async pushingCampaigns() {
    return db.campaign.findMany({
      where: {
        status: "pushing",
        pushPaused: false,
        ...(this.options.onlyShops ? { shop: { in: this.options.onlyShops } } : {}),
      },
      select: { id: true, shop: true, shopifyDiscountId: true },
    });
  }

  private async prepareDiscounts(
    campaigns: { id: string; shop: string; shopifyDiscountId: string | null }[],
  ) {
    for (const campaign of campaigns) {
      if (!campaign.shopifyDiscountId && !this.stopping) await ensureDiscountChunk(campaign);
    }
  }

  /** Keeps every pushing campaign `perShop` chunks ahead, made from its pending codes. */
  private async prepareChunks(campaigns: { id: string; shop: string }[]): Promise<void> {
    for (const campaign of campaigns) {
      if (this.stopping) return;
      const ready = await db.pushChunk.count({
        where: { campaignId: campaign.id, kind: "add", state: "pending" },
      });
      if (ready < this.perShop) await createAddChunks(campaign, this.perShop - ready);
    }
  }

  private async claim(): Promise<void> {
    if (this.stopping || this.tasks.size >= this.maxChunks) return;
    const perShop = new Map<string, number>();
    for (const task of this.tasks.values())
      perShop.set(task.shop, (perShop.get(task.shop) ?? 0) + 1);
    const full = [...perShop].filter(([, n]) => n >= this.perShop).map(([shop]) => shop);
    const candidates = await claimableChunks(
      { excludeIds: [...this.tasks.keys()], excludeShops: full, onlyShops: this.options.onlyShops },
      this.maxChunks,
    );
    for (const candidate of candidates) {
      if (this.stopping || this.tasks.size >= this.maxChunks) return;
      if ((perShop.get(candidate.shop) ?? 0) >= this.perShop) continue;
      if (!(await claimChunk(candidate.id, this.owner, this.leaseMs))) continue;
      perShop.set(candidate.shop, (perShop.get(candidate.shop) ?? 0) + 1);
      this.startTask(candidate.id, candidate.shop);
    }
  }

  private startTask(chunkId: string, shop: string): void {
    const controller = new AbortController();
    const done = this.work(chunkId, shop, controller.signal)
      .catch((error: unknown) => this.log(`chunk ${chunkId}: ${describeFailure(error)}`))
      .finally(() => {
        this.tasks.delete(chunkId);
        this.wake();
      });
    this.tasks.set(chunkId, { shop, controller, done });
  }

  private async work(chunkId: string, shop: string, signal: AbortSignal): Promise<void> {
    const ctx: ChunkContext = {
      owner: this.owner,
      admin: this.adminFor(shop),
      polls: this.pollTimer(shop),
      clock: this.clock,
      signal,
    };
    let outcome: ChunkOutcome;
    try {
      outcome = await processChunk(ctx, chunkId);
    } catch (error) {
      if (error instanceof LeaseLost) return;
      if (signal.aborted) {
        // Stopping (or the lease is gone): hand the chunk back for the next worker at once.
        await releaseChunk(chunkId, this.owner);
        return;
      }
      const message = describeFailure(error);
      this.log(`chunk ${chunkId}: ${message}`);
      const later = error instanceof ShopifyAdminError && error.kind !== "unavailable";
      outcome = released(later ? 6 * this.retryMs : this.retryMs, message);
    }
    if (outcome.kind === "released") {
      await releaseChunk(chunkId, this.owner, {
        retryInMs: outcome.retryInMs,
        lastError: outcome.lastError,
      });
    }
  }

  private pollTimer(shop: string): PollTimer {
    let timer = this.pollTimers.get(shop);
    if (!timer) {
      timer = new PollTimer(this.options.polls ?? { initialMs: 300, minMs: 100, maxMs: 10_000 });
      this.pollTimers.set(shop, timer);
    }
    return timer;
  }

  private async renew(): Promise<void> {
    try {
      const lost = await renewLeases([...this.tasks.keys()], this.owner, this.leaseMs);
      for (const id of lost) this.tasks.get(id)?.controller.abort(new LeaseLost(id));
    } catch (error) {
      this.log(`renewing leases failed: ${describeFailure(error)}`);
    }
  }
}

/** Worker settings from the environment (all optional), for the app and `npm run worker`. */
export function workerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PushWorkerOptions {
  const number = (name: string) => {
    const value = env[name];
    if (value === undefined || value === "") return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0)
      throw new Error(`${name} must be a positive number`);
    return parsed;
  };
  const pollMin = number("PUSH_POLL_MIN_MS");
  const shops = env.PUSH_SHOPS?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    onlyShops: shops && shops.length > 0 ? shops : undefined,
    leaseMs: number("PUSH_LEASE_MS"),
    idleMs: number("PUSH_IDLE_MS"),
    perShop: number("PUSH_CHUNKS_PER_SHOP"),
    retryMs: number("PUSH_RETRY_MS"),
    polls: pollMin
      ? { initialMs: Math.max(pollMin, 300), minMs: pollMin, maxMs: 10_000 }
      : undefined,
  };
}

declare global {
  var onecodePushWorker: PushWorker | undefined;
}

/** Starts this process's push worker once (the app calls this for the demo). */
export function startPushWorker(options: PushWorkerOptions = workerOptionsFromEnv()): PushWorker {
  return (globalThis.onecodePushWorker ??= new PushWorker(options).start());
}

export async function stopPushWorker(): Promise<void> {
  const worker = globalThis.onecodePushWorker;
  globalThis.onecodePushWorker = undefined;
  await worker?.stop();
}
