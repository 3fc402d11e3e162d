// Handing codes out by CSV: the download is the handing out, recorded on the codes before the
// file is streamed, so a broken download errs towards "handed out" (decision 015).
import { audit } from "../audit.server";
import db from "../db.server";
import { fail, type Result } from "../result";
import { PUBLISHED_CHANNEL } from "./allocate.server";

export type HandOutCode = "allocation_not_found" | "allocation_revoked";

export type HandOutResult = Result<
  { label: string; campaignName: string; handedOut: number },
  HandOutCode,
  { status: number }
>;

/** Marks an allocation's allocated codes handed out, before its CSV is read. */
export async function handOutAllocation(
  shop: string,
  allocationId: string,
  actor: string,
): Promise<HandOutResult> {
  const allocation = await db.allocation.findFirst({
    where: { id: allocationId, shop },
    select: { id: true, label: true, revokedAt: true, campaign: { select: { name: true } } },
  });
  if (!allocation) {
    return fail("allocation_not_found", "This store has no such allocation.", { status: 404 });
  }
  if (allocation.revokedAt) {
    return fail("allocation_revoked", "This allocation was revoked: its codes no longer work.", {
      status: 409,
    });
  }
  const handedOut = await db.$transaction(async (tx) => {
    const { count } = await tx.code.updateMany({
      where: { shop, allocationId, status: "allocated" },
      data: { status: "distributed", distributedAt: new Date(), distributedBy: actor },
    });
    await audit(tx, {
      shop,
      actor,
      action: "allocation.downloaded",
      subjectType: "Allocation",
      subjectId: allocationId,
      details: { handedOut: count },
    });
    return count;
  });
  return {
    ok: true,
    label: allocation.label,
    campaignName: allocation.campaign.name,
    handedOut,
  };
}

/**
 * A published campaign's full-list download: every code not yet handed out joins the campaign's
 * one "published" allocation as handed out, in one statement. Returns how many; 0 for a campaign
 * whose codes leave through allocations (its full list is only the merchant's own record).
 */
export async function publishCampaignCodes(
  shop: string,
  campaignId: string,
  actor: string,
): Promise<number> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, shop },
    select: { distribution: true },
  });
  if (campaign?.distribution !== "published") return 0;
  return db.$transaction(async (tx) => {
    // One per campaign, by its id: two downloads at once cannot make two.
    const allocation = await tx.allocation.upsert({
      where: { id: `${campaignId}:${PUBLISHED_CHANNEL}` },
      create: {
        id: `${campaignId}:${PUBLISHED_CHANNEL}`,
        shop,
        campaignId,
        channel: PUBLISHED_CHANNEL,
        label: "Published list",
        quantity: 0,
      },
      update: {},
      select: { id: true },
    });
    const { count } = await tx.code.updateMany({
      where: { shop, campaignId, status: "available" },
      data: {
        status: "distributed",
        allocationId: allocation.id,
        distributedAt: new Date(),
        distributedBy: actor,
      },
    });
    await tx.allocation.update({
      where: { id: allocation.id },
      data: { quantity: { increment: count } },
    });
    await audit(tx, {
      shop,
      actor,
      action: "campaign.published",
      subjectType: "Campaign",
      subjectId: campaignId,
      details: { handedOut: count },
    });
    return count;
  });
}
