// The group commit behind the webhook handler (decision 004): order events that arrive together
// commit in one transaction, each with its event id (decision 029); other topics commit one by one.
import db, { databaseProvider, type Tx } from "../db.server";
import { attributeOrdersPlan, type OrderOutcome } from "../attribution/attribute.server";
import { dedupeKey, type WebhookDelivery } from "../webhooks/delivery";
import type { OrderFacts } from "../webhooks/order-payload";
import { claimWebhookEvents } from "./batch-sql.server";
import { prismaExecutor, runAsync, type Plan } from "./sql-plan";
import { inSqliteLane } from "./sqlite-lane.server";
import { withWriteTurn } from "./write-turn.server";

export type Recorded<T> = { duplicate: true } | { duplicate: false; value: T };

interface Job {
  delivery: WebhookDelivery;
  order: OrderFacts;
  resolve: (value: Recorded<OrderOutcome>) => void;
  reject: (error: unknown) => void;
}

// One batch at a time per process (decision 004: concurrent batches only abort each other).
const LANES = 1;
const MAX_BATCH = 100;

const waiting: Job[] = [];
let lanes = 0;

/** An order event, committed with others that arrived meanwhile; a repeat is a duplicate. */
export function recordOrderEvent(
  delivery: WebhookDelivery,
  order: OrderFacts,
): Promise<Recorded<OrderOutcome>> {
  return new Promise((resolve, reject) => {
    waiting.push({ delivery, order, resolve, reject });
    schedulePump();
  });
}

// Started on the next turn, so every delivery that has already arrived joins the batch.
let scheduled = false;

function schedulePump(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    pump();
  });
}

function pump(): void {
  while (lanes < LANES && waiting.length > 0) {
    const batch = take();
    lanes++;
    void run(batch).finally(() => {
      lanes--;
      schedulePump();
    });
  }
}

// At most one event per order in a batch: two events of one order (create and paid, or a
// repeat) must see each other's effect, so the later waits for the next transaction.
function take(): Job[] {
  const batch: Job[] = [];
  const orders = new Set<string>();
  for (let i = 0; i < waiting.length && batch.length < MAX_BATCH;) {
    const job = waiting[i]!;
    const key = `${job.delivery.shop}|${job.order.orderId}`;
    if (orders.has(key)) {
      i++;
      continue;
    }
    orders.add(key);
    batch.push(job);
    waiting.splice(i, 1);
  }
  return batch;
}

async function run(batch: Job[]): Promise<void> {
  let results: Recorded<OrderOutcome>[];
  try {
    results =
      databaseProvider === "sqlite"
        ? await withWriteTurn(() => inSqliteLane(() => commitBatch(batch)))
        : await serializable((tx) => runAsync(commitBatch(batch), prismaExecutor(tx)));
  } catch (error) {
    // One bad delivery must not fail the others: retry each on its own, once.
    if (batch.length === 1) return batch[0]!.reject(error);
    for (const job of batch) await run([job]);
    return;
  }
  batch.forEach((job, i) => job.resolve(results[i]!));
}

function* commitBatch(batch: Job[]): Plan<Recorded<OrderOutcome>[]> {
  const keys = batch.map((job) => dedupeKey(job.delivery));
  const claimed = yield* claimWebhookEvents(
    batch.map((job, i) => ({
      eventId: keys[i]!,
      webhookId: job.delivery.webhookId,
      shop: job.delivery.shop,
      topic: job.delivery.topic,
      triggeredAt: job.delivery.triggeredAt,
    })),
  );
  const fresh = batch.filter((_, i) => claimed.has(keys[i]!));
  const outcomes = new Map<Job, OrderOutcome>();
  for (const [shop, jobs] of groupByShop(fresh)) {
    const results = yield* attributeOrdersPlan(
      shop,
      jobs.map((j) => j.order),
    );
    jobs.forEach((job, i) => outcomes.set(job, results[i]!));
  }
  return batch.map((job): Recorded<OrderOutcome> => {
    const value = outcomes.get(job);
    return value ? { duplicate: false, value } : { duplicate: true };
  });
}

function groupByShop(jobs: Job[]): Map<string, Job[]> {
  const groups = new Map<string, Job[]>();
  for (const job of jobs)
    groups.set(job.delivery.shop, [...(groups.get(job.delivery.shop) ?? []), job]);
  return groups;
}

const MAX_ATTEMPTS = 8;

/** One delivery's effect, committed with its event id in one serializable transaction. */
export async function recordOnce<T>(
  delivery: WebhookDelivery,
  effect: (tx: Tx) => Promise<T>,
): Promise<Recorded<T>> {
  const eventId = dedupeKey(delivery);
  for (let attempt = 1; ; attempt++) {
    try {
      return await withWriteTurn(() =>
        db.$transaction(
          async (tx) => {
            await tx.webhookEvent.create({
              data: {
                eventId,
                webhookId: delivery.webhookId,
                shop: delivery.shop,
                topic: delivery.topic,
                triggeredAt: delivery.triggeredAt,
              },
            });
            return { duplicate: false as const, value: await effect(tx) };
          },
          { isolationLevel: "Serializable", maxWait: 10_000, timeout: 15_000 },
        ),
      );
    } catch (error) {
      const code = prismaCode(error);
      if (code === "P2002" && (await alreadyRecorded(eventId))) return { duplicate: true };
      // P2034: serialization failure or deadlock; P2002 elsewhere: a concurrent event of the same
      // order inserted the row first. Both succeed on a fresh attempt that sees the other's rows.
      if ((code === "P2034" || code === "P2002") && attempt < MAX_ATTEMPTS) {
        await backoff(attempt);
        continue;
      }
      throw error;
    }
  }
}

/** A serializable transaction, tried again on a conflict with a concurrent one. */
export async function serializable<T>(
  effect: (tx: Tx) => Promise<T>,
  options: { timeout?: number } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withWriteTurn(() =>
        db.$transaction(effect, {
          isolationLevel: "Serializable",
          maxWait: 10_000,
          timeout: options.timeout ?? 15_000,
        }),
      );
    } catch (error) {
      const code = prismaCode(error);
      if ((code === "P2034" || code === "P2002") && attempt < MAX_ATTEMPTS) {
        await backoff(attempt);
        continue;
      }
      throw error;
    }
  }
}

async function alreadyRecorded(eventId: string): Promise<boolean> {
  return (await db.webhookEvent.count({ where: { eventId } })) > 0;
}

/** Prisma's error code; PostgreSQL's 40001 from the driver adapter counts as P2034. */
function prismaCode(error: unknown): string | null {
  const e = error as { code?: unknown; cause?: { kind?: unknown; originalCode?: unknown } } | null;
  if (typeof e?.code === "string") return e.code;
  const cause = e?.cause ?? (error as { kind?: unknown; originalCode?: unknown } | null);
  if (cause?.kind === "TransactionWriteConflict" || cause?.originalCode === "40001") return "P2034";
  return null;
}

// Jittered, growing waits, so two conflicting transactions do not collide again.
function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** attempt));
}
