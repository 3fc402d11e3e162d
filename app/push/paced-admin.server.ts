// An Admin GraphQL client paced to the shop's leaky bucket: it waits until a request is affordable,
// retries THROTTLED, 5xx and dropped connections, and turns the rest into a ShopifyAdminError.
import { accessLost, rejected, ShopifyAdminError, unavailable } from "./admin-errors";
import { fullJitterDelay, type BackoffPolicy } from "./backoff";
import { BucketModel } from "./bucket-model";
import { classifyFailure, readCost, type Outcome } from "./admin-answer.server";
import { systemClock, type Clock } from "./clock";
import type { AdminGraphql } from "../shopify/admin-graphql";

/** A GraphQL document the push sends, named so its cost can be remembered between calls. */
export interface AdminDocument {
  name: string;
  query: string;
  /** Requested-cost guess for the very first call (later calls use the last one Shopify gave). */
  cost: number;
}

export interface PacedAdminOptions {
  shop: string;
  /** Gives the library's `admin.graphql`; called per request so a refreshed session is used. */
  graphql: () => Promise<AdminGraphql>;
  clock?: Clock;
  random?: () => number;
  /** Tries for one request against 5xx answers and network failures (default 6). */
  transientAttempts?: number;
  backoff?: BackoffPolicy;
  /** Points kept in hand beyond a request's cost, against the rounding of Shopify's figures. */
  marginPoints?: number;
}

export interface AdminStats {
  calls: number;
  /** THROTTLED answers received (each one was retried). */
  throttled: number;
  /** 5xx answers and failed connections (each one was retried or reported). */
  transientFailures: number;
  /** Sum of Shopify's actual query costs. */
  pointsSpent: number;
  /** Time spent waiting for the bucket before sending. */
  waitedMs: number;
  byOperation: Record<string, { calls: number; pointsSpent: number }>;
}

/** A request's `beforeSend` decided, once the bucket could afford it, not to send it. */
export class NotSent extends Error {
  constructor() {
    super("The request was not sent");
    this.name = "NotSent";
  }
}

export interface RequestOptions {
  /** Overrides the remembered cost, for documents whose size varies (alias batches). */
  estimatedCost?: number;
  signal?: AbortSignal;
  /** False for a create that must not be re-sent blindly after an unknown outcome. */
  retryTransient?: boolean;
  /**
   * Runs once, when the bucket can afford the request and just before it is first sent; false
   * means do not send (the request then throws NotSent). Lets a caller record "about to send"
   * and re-check a pause at the last moment rather than when it joined the queue.
   */
  beforeSend?: () => Promise<boolean>;
  /** "high" for requests that finish work already sent (polls, result reads). */
  priority?: Priority;
}

export type Priority = "high" | "normal";
const PRIORITY_RANK: Record<Priority, number> = { high: 0, normal: 1 };

interface Grant {
  ticket: number;
  release: () => void;
}

interface Waiter {
  rank: number;
  seq: number;
  estimate: () => number;
  grant: (grant: Grant) => void;
  fail: (error: unknown) => void;
}

// Repeated THROTTLED answers although we wait for the bucket mean someone else is draining it
// (another app instance): keep yielding, but not forever.
const MAX_THROTTLED_RETRIES = 50;

export class PacedAdmin {
  readonly shop: string;
  readonly stats: AdminStats = {
    calls: 0,
    throttled: 0,
    transientFailures: 0,
    pointsSpent: 0,
    waitedMs: 0,
    byOperation: {},
  };
  private readonly model: BucketModel;
  private readonly lastRequested = new Map<string, number>();
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly transientAttempts: number;
  private readonly backoff: BackoffPolicy;
  private readonly margin: number;
  private readonly waiters: Waiter[] = [];
  private seq = 0;
  private pumping = false;
  private exclusive: Promise<void> | null = null;

  constructor(private readonly options: PacedAdminOptions) {
    this.shop = options.shop;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.transientAttempts = options.transientAttempts ?? 6;
    this.backoff = options.backoff ?? { baseMs: 500, capMs: 15_000 };
    this.margin = options.marginPoints ?? 1;
    this.model = new BucketModel(() => this.clock.now());
  }

  /**
   * The largest requested cost the shop's bucket can ever hold (less the margin), for callers
   * that size pages to fit; Shopify's 1,000-point single-query limit until the bucket is known.
   */
  maxAffordableCost(): number {
    const limit = this.model.isKnown ? this.model.maximumAvailable : 1000;
    return Math.max(1, Math.floor(Math.min(1000, limit) - this.margin));
  }

  /** Sends one operation and returns its `data`. */
  async request<T>(
    document: AdminDocument,
    variables: Record<string, unknown> = {},
    options: RequestOptions = {},
  ): Promise<T> {
    // A create that is not idempotent must not be re-sent blindly after an unknown outcome: its
    // caller looks first (discount.server.ts), so it gets one try here.
    const attempts = options.retryTransient === false ? 1 : this.transientAttempts;
    let transient = 0;
    let throttled = 0;
    // Read when the request's turn comes, so requests queued together benefit from the answers
    // of those sent before them.
    let cost: number | null = options.estimatedCost ?? null;
    const estimate = () => cost ?? this.lastRequested.get(document.name) ?? document.cost;
    let beforeSend = options.beforeSend;
    for (;;) {
      const { ticket, release } = await this.acquire(
        estimate,
        options.signal,
        options.priority ?? "normal",
      );
      if (beforeSend) {
        const check = beforeSend;
        beforeSend = undefined;
        let go: boolean;
        try {
          go = await check();
        } catch (error) {
          this.model.cancel(ticket);
          release();
          throw error;
        }
        if (!go) {
          this.model.cancel(ticket);
          release();
          throw new NotSent();
        }
      }
      let outcome: Outcome;
      try {
        outcome = await this.send(document, variables, options.signal);
        this.account(document.name, ticket, outcome);
      } catch (error) {
        this.model.abandon(ticket);
        throw error;
      } finally {
        release();
      }
      if ("cost" in outcome && outcome.cost) cost = outcome.cost.requestedQueryCost;
      switch (outcome.kind) {
        case "answer":
          return outcome.data as T;
        case "throttled":
          this.stats.throttled += 1;
          throttled += 1;
          if (throttled > MAX_THROTTLED_RETRIES) {
            throw unavailable(throttled, "the store's API limit stayed exhausted");
          }
          // With a cost extension the bucket model now knows how long to wait; a bare 429 says.
          if (outcome.retryAfterMs !== null) {
            await this.clock.sleep(outcome.retryAfterMs, options.signal);
          }
          continue;
        case "transient":
          this.stats.transientFailures += 1;
          transient += 1;
          if (transient >= attempts) throw unavailable(transient, outcome.problem);
          await this.clock.sleep(
            fullJitterDelay(this.backoff, transient - 1, this.random),
            options.signal,
          );
          continue;
        case "access":
          throw accessLost(this.shop);
        case "rejected":
          throw rejected(document.name, outcome.messages);
      }
    }
  }

  /**
   * Waits for this request's turn and for the bucket to afford it, then reserves the points.
   * Requests are served by priority, then in order: a costly request is not starved by a stream
   * of cheap ones, and polls that finish work already sent go ahead of new work. Until the
   * first answer reveals the bucket, requests go one at a time.
   */
  private acquire(
    estimate: () => number,
    signal: AbortSignal | undefined,
    priority: Priority,
  ): Promise<Grant> {
    return new Promise<Grant>((grant, fail) => {
      if (signal?.aborted) return fail(signal.reason);
      const waiter: Waiter = {
        rank: PRIORITY_RANK[priority],
        seq: this.seq++,
        estimate,
        grant,
        fail,
      };
      this.waiters.push(waiter);
      signal?.addEventListener(
        "abort",
        () => {
          const index = this.waiters.indexOf(waiter);
          if (index < 0) return;
          this.waiters.splice(index, 1);
          fail(signal.reason);
        },
        { once: true },
      );
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiters.length > 0) {
        if (this.exclusive) {
          await this.exclusive;
          continue;
        }
        const head = this.waiters.reduce((a, b) =>
          b.rank < a.rank || (b.rank === a.rank && b.seq < a.seq) ? b : a,
        );
        const cost = head.estimate();
        if (this.model.isKnown && cost > this.model.maximumAvailable) {
          this.waiters.splice(this.waiters.indexOf(head), 1);
          head.fail(
            new ShopifyAdminError(
              "rejected",
              `A request would cost ${cost} points, more than the store's API limit of ${this.model.maximumAvailable} allows at once.`,
            ),
          );
          continue;
        }
        const wait = this.model.waitMs(cost, this.margin);
        if (wait > 0) {
          this.stats.waitedMs += wait;
          await this.clock.sleep(wait);
          continue;
        }
        this.waiters.splice(this.waiters.indexOf(head), 1);
        const ticket = this.model.reserve(cost);
        if (this.model.isKnown) {
          head.grant({ ticket, release: () => {} });
        } else {
          let open = () => {};
          this.exclusive = new Promise<void>((resolve) => (open = resolve));
          head.grant({
            ticket,
            release: () => {
              this.exclusive = null;
              open();
            },
          });
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  private account(name: string, ticket: number, outcome: Outcome): void {
    this.stats.calls += 1;
    const op = (this.stats.byOperation[name] ??= { calls: 0, pointsSpent: 0 });
    op.calls += 1;
    const cost = "cost" in outcome ? outcome.cost : null;
    if (!cost) {
      this.model.abandon(ticket);
      return;
    }
    this.model.settle(ticket, cost);
    this.lastRequested.set(name, cost.requestedQueryCost);
    const actual = cost.actualQueryCost ?? 0;
    this.stats.pointsSpent += actual;
    op.pointsSpent += actual;
  }

  private async send(
    document: AdminDocument,
    variables: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ): Promise<Outcome> {
    try {
      const graphql = await this.options.graphql();
      const response = await graphql(document.query, { variables, signal });
      const body = (await response.json()) as { data?: unknown; extensions?: unknown };
      return { kind: "answer", data: body.data, cost: readCost(body.extensions) };
    } catch (error) {
      if (signal?.aborted) throw error;
      return classifyFailure(error);
    }
  }
}
