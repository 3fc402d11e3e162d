// The partner webhook outbox worker: due events taken under a lease, POSTed signed, each attempt
// logged and retried with backoff; a restart loses none (decision 018).
import { randomUUID } from "node:crypto";
import db from "../db.server";
import { GIVE_UP_AFTER_MS, nextDelayMs } from "./backoff";
import { enqueuePartnerEvents } from "./partner-events.server";
import { EVENT_ID_HEADER, signedHeaders } from "./webhook-signature";

const BATCH = 20;
const TIMEOUT_MS = 10_000;
const SWEEP_EVERY_MS = 30_000;
const SWEEP_WINDOW_MS = 20 * 60_000;
const STARTUP_SWEEP_MS = GIVE_UP_AFTER_MS;

function settings() {
  const env = (name: string, fallback: number) => Number(process.env[name] ?? "") || fallback;
  return {
    // Test and demo settings: how fast a failed delivery is retried, how long a lease lasts.
    baseDelayMs: env("ONECODE_PARTNER_WEBHOOK_RETRY_MS", 30_000),
    leaseMs: env("ONECODE_PARTNER_WEBHOOK_LEASE_MS", TIMEOUT_MS * 3),
    pollMs: env("ONECODE_PARTNER_WEBHOOK_POLL_MS", 1_000),
  };
}

const owner = `outbox-${process.pid}-${randomUUID().slice(0, 8)}`;

/** Sends the events due now; returns how many attempts were made. */
export async function deliverDueEvents(now = new Date()): Promise<number> {
  const { leaseMs, baseDelayMs } = settings();
  const due = await db.partnerEvent.findMany({
    where: {
      state: "pending",
      nextAttemptAt: { lte: now },
      OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
    },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
    select: { id: true, leaseExpiresAt: true },
  });
  let attempts = 0;
  for (const candidate of due) {
    // Taken only if nobody took it since we read it: the lease is the compare-and-set.
    const { count } = await db.partnerEvent.updateMany({
      where: { id: candidate.id, state: "pending", leaseExpiresAt: candidate.leaseExpiresAt },
      data: { leaseOwner: owner, leaseExpiresAt: new Date(Date.now() + leaseMs) },
    });
    if (count === 0) continue;
    await deliver(candidate.id, baseDelayMs);
    attempts++;
  }
  return attempts;
}

async function deliver(eventId: string, baseDelayMs: number): Promise<void> {
  const event = await db.partnerEvent.findUniqueOrThrow({ where: { id: eventId } });
  const hook = await db.partnerWebhook.findFirst({
    where: { partnerId: event.partnerId, shop: event.shop },
  });
  const attempt = event.attempts + 1;
  const body = JSON.stringify({ id: event.id, ...(event.payload as object) });
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  if (!hook) {
    error = "The partner has no webhook endpoint any more.";
  } else {
    try {
      const response = await fetch(hook.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "OneCode-Webhooks/1",
          [EVENT_ID_HEADER]: event.id,
          ...signedHeaders(hook.secret, body),
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      statusCode = response.status;
      await response.body?.cancel();
      if (statusCode < 200 || statusCode >= 300) error = `The endpoint answered ${statusCode}.`;
    } catch (thrown) {
      error = `Could not reach the endpoint: ${(thrown as Error).message}`;
    }
  }
  const delivered = error === null;
  const givingUp = !delivered && Date.now() - event.createdAt.getTime() > GIVE_UP_AFTER_MS;
  await db.$transaction([
    db.partnerDelivery.create({
      data: {
        eventId: event.id,
        attempt,
        url: hook?.url ?? "",
        statusCode,
        error,
        durationMs: Date.now() - started,
      },
    }),
    db.partnerEvent.update({
      where: { id: event.id },
      data: {
        attempts: attempt,
        leaseOwner: null,
        leaseExpiresAt: null,
        ...(delivered
          ? { state: "delivered", deliveredAt: new Date() }
          : givingUp
            ? { state: "failed" }
            : { nextAttemptAt: new Date(Date.now() + nextDelayMs(attempt, baseDelayMs)) }),
      },
    }),
  ]);
}

let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | null = null;
let lastSweep = 0;

/** Starts this process's outbox worker (with the app's background work). */
export function startPartnerOutbox(): void {
  if (timer) return;
  const { pollMs } = settings();
  // On start, look back as far as events are kept: whatever a crash left unqueued is found.
  let sweepFrom = Date.now() - STARTUP_SWEEP_MS;
  const tick = () => {
    if (running) return;
    running = (async () => {
      if (Date.now() - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = Date.now();
        await enqueuePartnerEvents(null, new Date(sweepFrom));
        sweepFrom = Date.now() - SWEEP_WINDOW_MS;
      }
      while ((await deliverDueEvents()) > 0 && timer);
    })()
      .catch((error: unknown) => console.error("OneCode: partner webhook outbox:", error))
      .finally(() => (running = null));
  };
  timer = setInterval(tick, pollMs);
  timer.unref();
  tick();
}

export async function stopPartnerOutbox(): Promise<void> {
  clearInterval(timer);
  timer = undefined;
  await running;
}
