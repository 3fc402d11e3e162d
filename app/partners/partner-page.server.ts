// Everything the partner page shows, for one partner of one shop.
import db from "../db.server";
import { isBound } from "../campaigns/bound-campaign";
import { listAllocations } from "./allocation-counts.server";
import { findPartner } from "./partners.server";
import { salesByCurrency } from "../reports/sales-totals.server";

export async function partnerPage(shop: string, id: string) {
  const partner = await findPartner(shop, id);
  if (!partner) return null;
  const [allocations, campaigns, sales] = await Promise.all([
    listAllocations(shop, { partnerId: id }),
    allocatableCampaigns(shop),
    salesByCurrency(shop, { partnerId: id }),
  ]);
  return {
    partner: {
      ...partner,
      archivedAt: partner.archivedAt?.toISOString() ?? null,
      createdAt: partner.createdAt.toISOString(),
    },
    allocations,
    campaigns,
    sales: sales.map(({ redemptions, ...row }) => ({ ...row, orders: redemptions })),
  };
}

/** Campaigns whose codes leave through allocations and can still take some, newest first. */
export async function allocatableCampaigns(shop: string) {
  const campaigns = await db.campaign.findMany({
    where: {
      shop,
      distribution: "allocations",
      status: { in: ["minting", "pushing", "active"] },
    },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, bindingKey: true },
  });
  return campaigns.filter((c) => !isBound(c)).map(({ id, name }) => ({ id, name }));
}

/** The campaign page's allocations section: how its codes leave, its allocations, who can get some. */
export async function campaignAllocations(shop: string, campaignId: string) {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, shop },
    select: { distribution: true, status: true, bindingKey: true },
  });
  if (!campaign) return null;
  const [allocations, partners] = await Promise.all([
    listAllocations(shop, { campaignId }),
    db.partner.findMany({
      where: { shop, archivedAt: null },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  const bound = isBound(campaign);
  const closed = campaign.status === "cancelled";
  return {
    distribution: campaign.distribution,
    allocations,
    partners,
    /** Bound campaigns issue codes to customers; they neither allocate nor import. */
    bound,
    closed,
    disabledReason: closed
      ? `This campaign is ${campaign.status}: its codes are not given out.`
      : campaign.distribution === "published"
        ? "This campaign's codes are published as a whole: downloading the full list hands them out."
        : null,
  };
}
