import db from "../db.server";

export interface ShopOverview {
  campaigns: number;
  liveCodes: number;
  redemptions: number;
}

/** The dashboard's headline numbers for one shop. */
export async function shopOverview(shop: string): Promise<ShopOverview> {
  const [campaigns, liveCodes, redemptions] = await Promise.all([
    db.campaign.count({ where: { shop } }),
    db.code.count({ where: { shop, pushState: "live", status: { not: "revoked" } } }),
    db.redemption.count({ where: { shop, state: { not: "cancelled" } } }),
  ]);
  return { campaigns, liveCodes, redemptions };
}
