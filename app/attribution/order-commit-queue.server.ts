// Group commit for order webhooks. Deliveries that arrive while a transaction is running wait
// for the next one and then commit together: one transaction and a few bulk reads for a whole
// burst instead of per delivery, which is what keeps answers fast under load (SQLite runs one
// transaction at a time, and opening one costs more than the work inside). Each delivery still
// gets its own outcome, and its event id commits with its effect (decision 029).
// On SQLite the batch runs on a connection of its own (sqlite-lane.server.ts); on PostgreSQL in a
// serializable Prisma transaction.
import { databaseProvider } from "../db.server";
import { attributeOrdersPlan, type OrderOutcome } from "./attribute.server";
import { claimWebhookEvents } from "./batch-sql.server";
import { dedupeKey, type WebhookDelivery } from "./delivery";
import type { OrderFacts } from "./order-payload";
import { serializable, type Recorded } from "./record-once.server";
import { prismaExecutor, runAsync, type Plan } from "./sql-plan";
import { inSqliteLane } from "./sqlite-lane.server";
import { withWriteTurn } from "./write-turn.server";

interface Job {
  delivery: WebhookDelivery;
  order: OrderFacts;
  resolve: (value: Recorded<OrderOutcome>) => void;
  reject: (error: unknown) => void;
}

// One transaction at a time per process: SQLite serialises them anyway, and on PostgreSQL
// concurrent serializable batches over the same index ranges mostly abort each other. Several
// app processes still run side by side: the server's workers take turns on SQLite
// (write-turn.server.ts), and conflicts on PostgreSQL are retried (record-once.server.ts).
const LANES = 1;
const MAX_BATCH = 100;

const waiting: Job[] = [];
let lanes = 0;

export function recordOrderEvent(
  delivery: WebhookDelivery,
  order: OrderFacts,
): Promise<Recorded<OrderOutcome>> {
  return new Promise((resolve, reject) => {
    waiting.push({ delivery, order, resolve, reject });
    schedulePump();
  });
}

// The database calls of a batch never yield to the event loop (SQLite answers synchronously),
// so a batch started at once would run before any other request got past its body. Starting it
// on the next turn lets every delivery that has already arrived join it.
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
