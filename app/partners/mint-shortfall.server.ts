// "Mint the shortfall" when an allocation finds the free pool short: the campaign's requested
// count grows and the campaign goes back through minting and pushing, the path a new campaign
// takes (campaigns.server.ts), so the new codes are pushed like the first ones.
import { audit } from "../audit.server";
import db from "../db.server";
import { isBound } from "../campaigns/bound-campaign";
import { mintCampaignCodes } from "../campaigns/campaigns.server";
import { fail, type Result } from "../result";
import { MAX_ALLOCATION } from "./allocation-input";

export type MintMoreCode =
  | "count_out_of_range"
  | "campaign_not_found"
  | "campaign_bound"
  | "campaign_cancelled"
  | "campaign_busy";

export type MintMoreResult = Result<{ message: string }, MintMoreCode>;

export async function mintMoreCodes(
  shop: string,
  campaignId: string,
  count: number,
  actor: string,
): Promise<MintMoreResult> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_ALLOCATION) {
    return fail(
      "count_out_of_range",
      `Mint between 1 and ${MAX_ALLOCATION.toLocaleString("en-US")} codes.`,
    );
  }
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, shop },
    select: { status: true, bindingKey: true },
  });
  if (!campaign) return fail("campaign_not_found", "This store has no such campaign.");
  if (isBound(campaign)) {
    return fail("campaign_bound", "A campaign of customer-bound codes issues codes to customers.");
  }
  if (campaign.status === "cancelled") {
    return fail(
      "campaign_cancelled",
      `This campaign is ${campaign.status}: it takes no new codes.`,
    );
  }
  // Only a campaign at rest goes back to minting; one still minting or pushing finishes first.
  const { count: moved } = await db.campaign.updateMany({
    where: { id: campaignId, shop, status: "active" },
    data: { status: "minting", requestedCount: { increment: count }, statusMessage: null },
  });
  if (moved === 0) {
    return fail(
      "campaign_busy",
      "This campaign is still minting or pushing codes. Try again once it is live.",
    );
  }
  await audit(db, {
    shop,
    actor,
    action: "campaign.codes.minted_more",
    subjectType: "Campaign",
    subjectId: campaignId,
    details: { count },
  });
  // Minting takes a while for large counts: the campaign page shows its progress.
  void mintCampaignCodes(campaignId);
  return {
    ok: true,
    message: `${count.toLocaleString("en-US")} more codes are being minted; they can be allocated once they are live in Shopify.`,
  };
}
