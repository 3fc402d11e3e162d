// A campaign's push as the admin's progress bar shows it.
import db from "../db.server";
import { campaignCodeTallies } from "../reports/code-tallies.server";
import { adminStatsFor } from "./admin-registry.server";

const PUSH_STATES = ["pending", "queued", "live", "failed", "replaced", "removed"] as const;
const CHUNK_STATES = ["pending", "submitted", "done", "failed"] as const;

export type PushState = (typeof PUSH_STATES)[number];
export type ChunkState = (typeof CHUNK_STATES)[number];

export interface PushProgress {
  status: string;
  paused: boolean;
  requested: number;
  /** Codes by push state. `queued` codes are on their way into (or out of) Shopify. */
  codes: Record<PushState, number>;
  /** Chunks by state, for adding codes and for removing them. */
  chunks: { add: Record<ChunkState, number>; delete: Record<ChunkState, number> };
  /** Share of the codes to push that Shopify has settled (live or failed), 0..1. */
  fraction: number;
  /** Still to do (pending + queued). */
  remaining: number;
  /** This process's figures for the shop's API limit, or null when it has not pushed here. */
  throttle: { throttledAnswers: number; waitedSeconds: number; calls: number } | null;
  /** The latest problem in words a merchant understands, or null. */
  lastError: string | null;
  /** Live codes not redeemed: what removing the unused codes from Shopify would take out. */
  unusedLive: number;
}

export async function pushProgress(shop: string, campaignId: string): Promise<PushProgress | null> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, shop },
    select: { status: true, pushPaused: true, requestedCount: true },
  });
  if (!campaign) return null;
  // Counted from the tallies the database keeps, not from the codes: this runs on every refresh
  // of the campaign page, and a campaign may hold a million codes.
  const [tallies, chunkGroups, latestProblem] = await Promise.all([
    campaignCodeTallies(shop, campaignId),
    db.pushChunk.groupBy({
      by: ["kind", "state"],
      where: { shop, campaignId },
      _count: { _all: true },
    }),
    db.pushChunk.findFirst({
      where: { shop, campaignId, lastError: { not: null } },
      orderBy: { updatedAt: "desc" },
      select: { lastError: true },
    }),
  ]);
  const codes = Object.fromEntries(PUSH_STATES.map((s) => [s, 0])) as Record<PushState, number>;
  for (const tally of tallies) codes[tally.pushState] += tally.count;
  const chunks = {
    add: Object.fromEntries(CHUNK_STATES.map((s) => [s, 0])) as Record<ChunkState, number>,
    delete: Object.fromEntries(CHUNK_STATES.map((s) => [s, 0])) as Record<ChunkState, number>,
  };
  for (const group of chunkGroups) chunks[group.kind][group.state] = group._count._all;
  const settled = codes.live + codes.failed;
  const remaining = codes.pending + codes.queued;
  const stats = adminStatsFor(shop);
  const unusedLive = tallies
    .filter((t) => t.pushState === "live" && t.status !== "redeemed")
    .reduce((sum, t) => sum + t.count, 0);
  return {
    status: campaign.status,
    paused: campaign.pushPaused,
    requested: campaign.requestedCount,
    codes,
    chunks,
    fraction: settled + remaining === 0 ? 0 : settled / (settled + remaining),
    remaining,
    throttle: stats
      ? {
          throttledAnswers: stats.throttled,
          waitedSeconds: Math.round(stats.waitedMs / 100) / 10,
          calls: stats.calls,
        }
      : null,
    lastError: latestProblem?.lastError ?? null,
    unusedLive,
  };
}
