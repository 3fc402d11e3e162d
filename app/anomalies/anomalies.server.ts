// Anomalies: written with the redemption that raised them (attribution/attribute.server.ts) or by
// the spike check, read and resolved by the campaign page. Every query is scoped by shop.
import { audit } from "../audit.server";
import db from "../db.server";
import { getShopSettings } from "../shops/shops.server";
import { BASELINE_MS, isSpike, SPIKE_WINDOW_MS } from "./spike";

/**
 * Flags the allocation when its last hour runs far above its own recent rate; at most one open
 * spike per allocation and hour. Runs after the redemption is committed: it reads counts, and a
 * webhook's answer must not wait for them.
 */
export async function checkSpike(shop: string, allocationId: string, now = new Date()) {
  const allocation = await db.allocation.findFirst({
    where: { id: allocationId, shop },
    select: { campaignId: true, createdAt: true },
  });
  if (!allocation) return false;
  const hourAgo = new Date(now.getTime() - SPIKE_WINDOW_MS);
  const since = new Date(Math.max(hourAgo.getTime() - BASELINE_MS, allocation.createdAt.getTime()));
  const [recent, baseline, settings, raised] = await Promise.all([
    db.redemption.count({ where: { shop, allocationId, orderedAt: { gte: hourAgo } } }),
    db.redemption.count({ where: { shop, allocationId, orderedAt: { gte: since, lt: hourAgo } } }),
    getShopSettings(shop),
    db.anomaly.count({
      where: { shop, allocationId, kind: "redemption_spike", createdAt: { gte: hourAgo } },
    }),
  ]);
  const verdict = isSpike({
    recent,
    baseline,
    baselineMs: hourAgo.getTime() - since.getTime(),
    factor: settings.spikeFactor,
  });
  if (!verdict.spike || raised > 0) return false;
  await db.anomaly.create({
    data: {
      shop,
      campaignId: allocation.campaignId,
      kind: "redemption_spike",
      allocationId,
      details: {
        lastHour: recent,
        hourlyBaseline: Math.round(verdict.hourlyBaseline * 100) / 100,
        factor: settings.spikeFactor,
      },
    },
  });
  return true;
}

/** The campaign page's list: open first, newest first. */
export async function listCampaignAnomalies(shop: string, campaignId: string) {
  return db.anomaly.findMany({
    where: { shop, campaignId },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
  });
}

export async function getAnomaly(shop: string, id: string) {
  return db.anomaly.findFirst({ where: { id, shop } });
}

/** Marks an open anomaly as looked at; false when the shop has no such open anomaly. */
export async function dismissAnomaly(shop: string, id: string, actor: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.anomaly.updateMany({
      where: { id, shop, status: "open" },
      data: { status: "dismissed", resolvedAt: new Date() },
    });
    if (count === 0) return false;
    await audit(tx, {
      shop,
      actor,
      action: "anomaly_dismissed",
      subjectType: "Anomaly",
      subjectId: id,
    });
    return true;
  });
}
