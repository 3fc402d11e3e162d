// Partner webhook events, derived from the redemptions: each fact has a dedupe key unique in the
// outbox, so finding it again never makes a second event; a periodic sweep catches the rest
// (decision 018).
import db from "../db.server";
import { REDEMPTION_SELECT, redemptionView } from "./redemption-view";

const RECENT_MS = 15 * 60_000;
const SWEEP_PAUSE_MS = 250;

interface RedemptionFacts {
  id: string;
  partnerId: string | null;
  state: string;
  refunded: { toString(): string };
}

export function eventsOf(r: RedemptionFacts): { topic: string; dedupeKey: string }[] {
  const events = [{ topic: "redemption.created", dedupeKey: `${r.id}:created` }];
  if (r.state === "cancelled")
    events.push({ topic: "redemption.cancelled", dedupeKey: `${r.id}:cancelled` });
  const refunded = r.refunded.toString();
  if (Number(refunded) > 0) {
    events.push({ topic: "redemption.refunded", dedupeKey: `${r.id}:refunded:${refunded}` });
  }
  return events;
}

/** Writes the events of redemptions changed since `since` whose partner has an endpoint. */
export async function enqueuePartnerEvents(shop: string | null, since: Date): Promise<number> {
  const hooks = await db.partnerWebhook.findMany({
    where: shop ? { shop } : {},
    select: { partnerId: true },
  });
  if (hooks.length === 0) return 0;
  const redemptions = await db.redemption.findMany({
    where: {
      ...(shop ? { shop } : {}),
      partnerId: { in: hooks.map((h) => h.partnerId) },
      updatedAt: { gte: since },
    },
    select: { ...REDEMPTION_SELECT, shop: true, partnerId: true },
  });
  const wanted = redemptions.flatMap((r) => eventsOf(r).map((event) => ({ ...event, r })));
  if (wanted.length === 0) return 0;
  const existing = new Set(
    (
      await db.partnerEvent.findMany({
        where: { dedupeKey: { in: wanted.map((w) => w.dedupeKey) } },
        select: { dedupeKey: true },
      })
    ).map((e) => e.dedupeKey),
  );
  let added = 0;
  for (const { topic, dedupeKey, r } of wanted) {
    if (existing.has(dedupeKey)) continue;
    try {
      await db.partnerEvent.create({
        data: {
          shop: r.shop,
          partnerId: r.partnerId!,
          topic,
          dedupeKey,
          payload: {
            topic,
            occurredAt: new Date().toISOString(),
            redemption: redemptionView(r),
          },
        },
      });
      added++;
    } catch (error) {
      // Another sweep wrote it meanwhile: the unique key did its job.
      if ((error as { code?: string }).code !== "P2002") throw error;
    }
  }
  return added;
}

const sweeping = new Map<string, Promise<void>>();
const again = new Set<string>();

/** After an order webhook of `shop` committed: sweep its recent redemptions, one sweep at a time. */
export function partnerEventsMayHaveChanged(shop: string): void {
  if (sweeping.has(shop)) {
    again.add(shop);
    return;
  }
  const run = (async () => {
    for (;;) {
      again.delete(shop);
      await enqueuePartnerEvents(shop, new Date(Date.now() - RECENT_MS));
      if (!again.has(shop)) break;
      // Under a burst of orders one sweep serves many: at most a few a second per shop.
      await new Promise((resolve) => setTimeout(resolve, SWEEP_PAUSE_MS).unref());
    }
  })()
    .catch((error: unknown) =>
      console.warn(`OneCode: partner events of ${shop} not queued yet (the sweep retries):`, error),
    )
    .finally(() => sweeping.delete(shop));
  sweeping.set(shop, run);
}

/** Resolves when the sweeps started so far have finished (tests). */
export async function partnerSweepsSettled(): Promise<void> {
  while (sweeping.size > 0) await Promise.allSettled([...sweeping.values()]);
}
