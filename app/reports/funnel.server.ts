// The code funnel: minted → live in Shopify → handed out → redeemed → on orders later refunded or
// cancelled. Counting a million codes reads a whole index, too slow for every page view, so each
// shop's counts are kept for a minute in this process and shown with the time they were taken.
import db from "../db.server";

export interface Funnel {
  minted: number;
  live: number;
  handedOut: number;
  redeemed: number;
  refundedOrCancelled: number;
  countedAt: string;
}

export interface FunnelScope {
  campaignId: string | null;
  /** Only these allocations' codes (a partner's or a channel's); null for all codes. */
  allocationIds: string[] | null;
}

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; funnel: Promise<Funnel> }>();

export function codeFunnel(shop: string, scope: FunnelScope, now = Date.now()): Promise<Funnel> {
  const key = JSON.stringify([shop, scope.campaignId, scope.allocationIds]);
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.funnel;
  const funnel = countFunnel(shop, scope, new Date(now));
  cache.set(key, { at: now, funnel });
  funnel.catch(() => cache.delete(key));
  return funnel;
}

async function countFunnel(shop: string, scope: FunnelScope, at: Date): Promise<Funnel> {
  if (scope.allocationIds && scope.allocationIds.length === 0) {
    return {
      minted: 0,
      live: 0,
      handedOut: 0,
      redeemed: 0,
      refundedOrCancelled: 0,
      countedAt: at.toISOString(),
    };
  }
  const codes = {
    shop,
    ...(scope.campaignId ? { campaignId: scope.campaignId } : {}),
    ...(scope.allocationIds ? { allocationId: { in: scope.allocationIds } } : {}),
  };
  const [byState, handedOut, refundedOrCancelled] = await Promise.all([
    // From the tallies kept with the codes (code-tallies.server.ts), not a count of the codes.
    db.codeTally.groupBy({
      by: ["status", "pushState"],
      where: {
        shop,
        ...(scope.campaignId ? { campaignId: scope.campaignId } : {}),
        ...(scope.allocationIds ? { allocationId: { in: scope.allocationIds } } : {}),
      },
      _sum: { count: true },
    }),
    db.code.count({ where: { ...codes, distributedAt: { not: null } } }),
    db.redemption.count({
      where: {
        shop,
        state: { in: ["refunded", "partially_refunded", "cancelled"] },
        ...(scope.campaignId ? { campaignId: scope.campaignId } : {}),
        ...(scope.allocationIds ? { allocationId: { in: scope.allocationIds } } : {}),
      },
    }),
  ]);
  let minted = 0;
  let live = 0;
  let redeemed = 0;
  for (const g of byState) {
    const count = g._sum.count ?? 0;
    minted += count;
    if (g.pushState === "live") live += count;
    if (g.status === "redeemed") redeemed += count;
  }
  return { minted, live, handedOut, redeemed, refundedOrCancelled, countedAt: at.toISOString() };
}
