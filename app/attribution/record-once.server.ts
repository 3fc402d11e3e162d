// Exactly-once effects over at-least-once delivery (decision 029): the delivery's key goes
// into WebhookEvent's unique column in the same transaction as its effect. A repeat fails on the
// unique index and changes nothing; a crash before commit leaves no trace, so Shopify's retry
// does the work. Transactions are serializable: on PostgreSQL two events of one order racing
// (create and paid) make one of them retry instead of losing a fact; SQLite runs one at a time.
import db, { type Tx } from "../db.server";
import { dedupeKey, type WebhookDelivery } from "./delivery";
import { withWriteTurn } from "./write-turn.server";

export type Recorded<T> = { duplicate: true } | { duplicate: false; value: T };

const MAX_ATTEMPTS = 8;

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

/**
 * Prisma's error code. A serialization failure (PostgreSQL 40001) sometimes surfaces as the
 * driver adapter's own error rather than P2034; it is reported as P2034 here too.
 */
export function prismaCode(error: unknown): string | null {
  const e = error as { code?: unknown; cause?: { kind?: unknown; originalCode?: unknown } } | null;
  if (typeof e?.code === "string") return e.code;
  const cause = e?.cause ?? (error as { kind?: unknown; originalCode?: unknown } | null);
  if (cause?.kind === "TransactionWriteConflict" || cause?.originalCode === "40001") return "P2034";
  return null;
}

// A conflict means another transaction touched the same rows: wait a little (more each time,
// with jitter so the two do not collide again) before trying again.
function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** attempt));
}
