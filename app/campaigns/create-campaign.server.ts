import db from "../db.server";
import { parseFormat } from "../codes/format";
import { mintCodes } from "../codes/mint.server";
import type { NewCampaign } from "./campaign-form";
import { isBound, withoutBoundKey } from "./bound-campaign";
import type { Distribution } from "../partners/distribution";

// A campaign left in "minting" without a heartbeat this long lost its minter (a crash or a
// restart); the next worker start takes it over.
const MINTING_STALE_MS = 2 * 60_000;

export async function createCampaign(
  shop: string,
  campaign: NewCampaign,
  actor: string,
  distribution: Distribution = "allocations",
): Promise<void> {
  if (campaign.audience === "customers") {
    throw new Error("A campaign of customer-bound codes is created by createBoundCampaign.");
  }
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
  await db.$transaction([
    db.campaign.create({
      data: {
        id: campaign.id,
        shop,
        name: campaign.name,
        status: "minting",
        rules: withoutBoundKey(JSON.parse(campaign.rulesJson) as object),
        codeFormat: { ...campaign.format },
        requestedCount: campaign.count,
        startsAt: campaign.startsAt,
        endsAt: campaign.endsAt,
        // Its codes work for anyone: no key.
        bindingKey: null,
        distribution,
      },
    }),
    db.auditLog.create({
      data: {
        shop,
        actor,
        action: "campaign.created",
        subjectType: "Campaign",
        subjectId: campaign.id,
        details: {
          count: campaign.count,
          format: { ...campaign.format },
          odds: campaign.oddsInWords,
          distribution,
        },
      },
    }),
  ]);
  // Minting a million codes takes seconds: the page shows its progress instead of waiting.
  void mintCampaignCodes(campaign.id);
}

/**
 * Tops a campaign up to its requested number of codes, then hands it to the push worker. Safe to
 * run again after a crash: it counts what is already minted.
 */
export async function mintCampaignCodes(campaignId: string): Promise<void> {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId } });
  if (!campaign || campaign.status !== "minting") return;
  // A bound campaign's codes are issued to customers, never minted to make up a count: its codes
  // go in with it (create-bound-campaign.server.ts), so only the hand-over to the push is left,
  // once every customer has a code. Fewer: its creation stopped half-way (the list is gone).
  if (isBound(campaign)) {
    const issued = await db.code.count({ where: { campaignId } });
    await db.campaign.updateMany({
      where: { id: campaignId, status: "minting" },
      data:
        issued >= campaign.requestedCount
          ? { status: "pushing", statusMessage: null }
          : {
              statusMessage: `Issuing stopped after ${issued.toLocaleString("en-US")} of ${campaign.requestedCount.toLocaleString("en-US")} customers. Cancel this campaign and create it again.`,
            },
    });
    return;
  }
  try {
    const format = parseFormat(campaign.codeFormat as Parameters<typeof parseFormat>[0]);
    if (!format.ok) throw new Error(format.errors.map((e) => e.message).join(" "));
    const existing = await db.code.count({ where: { campaignId, pushState: { not: "replaced" } } });
    const shortfall = campaign.requestedCount - existing;
    if (shortfall > 0) {
      await mintCodes({
        shop: campaign.shop,
        campaignId,
        format: format.format,
        count: shortfall,
        // The heartbeat; a campaign no longer "minting" was cancelled meanwhile: stop.
        onCommitted: async () => {
          const { count } = await db.campaign.updateMany({
            where: { id: campaignId, status: "minting" },
            data: { updatedAt: new Date() },
          });
          return count === 1;
        },
      });
    }
    const { count } = await db.campaign.updateMany({
      where: { id: campaignId, status: "minting" },
      data: { status: "pushing", statusMessage: null },
    });
    if (count === 0) await dropCodesMintedAfterCancel(campaignId);
  } catch (error) {
    const { count } = await db.campaign.updateMany({
      where: { id: campaignId, status: "minting" },
      data: { statusMessage: `Minting stopped: ${(error as Error).message}` },
    });
    if (count === 0) await dropCodesMintedAfterCancel(campaignId);
  }
}

/**
 * Cancelling removes the codes not yet sent (push/control.server.ts); codes this minter committed
 * after that were not there to be removed, so it removes them itself once it has stopped. (Its
 * last commit precedes this check: if the cancel came later, the cancel removed them.)
 */
export async function dropCodesMintedAfterCancel(campaignId: string): Promise<void> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { status: true },
  });
  if (campaign?.status !== "cancelled") return;
  await db.code.updateMany({
    where: { campaignId, pushState: "pending" },
    data: { pushState: "removed" },
  });
}

/** Takes over campaigns whose minter died (no heartbeat for a while) and finishes them. */
export async function resumeStaleMinting(now = new Date()): Promise<number> {
  const stale = await db.campaign.findMany({
    where: { status: "minting", updatedAt: { lt: new Date(now.getTime() - MINTING_STALE_MS) } },
    select: { id: true, updatedAt: true },
  });
  let resumed = 0;
  for (const campaign of stale) {
    // Compare-and-set on the heartbeat: of several workers starting together, one wins.
    const claimed = await db.campaign.updateMany({
      where: { id: campaign.id, status: "minting", updatedAt: campaign.updatedAt },
      data: { updatedAt: now },
    });
    if (claimed.count === 1) {
      await mintCampaignCodes(campaign.id);
      resumed++;
    }
  }
  return resumed;
}
