// The shop's live codes by format: what a guess at checkout is tried against, besides a new
// campaign's own codes (odds.ts). Customer-bound codes are left out: a guess that hits one gives
// nothing to anyone but its customer.
import db from "../db.server";
import { isBound } from "../campaigns/bound-campaign";
import { parseFormat, type FormatInput } from "./format";
import type { LiveCodes } from "./odds";

/** Codes a shopper can still redeem, or soon can: not used, revoked, removed or failed. */
const LIVE_STATUS = ["available", "allocated", "distributed"] as const;
const LIVE_PUSH_STATE = ["pending", "queued", "live"] as const;

export async function shopLiveCodes(shop: string, now = new Date()): Promise<LiveCodes[]> {
  const campaigns = await db.campaign.findMany({
    where: {
      shop,
      status: { not: "cancelled" },
      OR: [{ endsAt: null }, { endsAt: { gt: now } }],
    },
    select: { id: true, status: true, requestedCount: true, codeFormat: true, bindingKey: true },
  });
  const open = campaigns.filter((c) => !isBound(c));
  if (open.length === 0) return [];
  const counts = await db.code.groupBy({
    by: ["campaignId"],
    where: {
      shop,
      campaignId: { in: open.map((c) => c.id) },
      status: { in: [...LIVE_STATUS] },
      pushState: { in: [...LIVE_PUSH_STATE] },
    },
    _count: { _all: true },
  });
  const live = new Map(counts.map((c) => [c.campaignId, c._count._all]));
  const byFormat = new Map<string, LiveCodes>();
  for (const campaign of open) {
    const parsed = parseFormat((campaign.codeFormat ?? {}) as FormatInput);
    if (!parsed.ok) continue;
    // A campaign still minting holds all its requested codes in a moment.
    const codes = Math.max(
      live.get(campaign.id) ?? 0,
      campaign.status === "minting" ? campaign.requestedCount : 0,
    );
    if (codes === 0) continue;
    const { pattern, alphabet } = parsed.format;
    const key = `${pattern}\n${alphabet}`;
    const entry = byFormat.get(key) ?? { pattern, alphabet, live: 0 };
    entry.live += codes;
    byFormat.set(key, entry);
  }
  return [...byFormat.values()];
}
