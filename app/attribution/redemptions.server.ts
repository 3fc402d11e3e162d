// Reading redemptions for the admin: always within one shop (DESIGN decision 8).
import db from "../db.server";

export async function getRedemption(shop: string, id: string) {
  return db.redemption.findFirst({ where: { id, shop } });
}

export async function listCampaignRedemptions(shop: string, campaignId: string, take = 100) {
  return db.redemption.findMany({
    where: { shop, campaignId },
    orderBy: { orderedAt: "desc" },
    take,
  });
}
