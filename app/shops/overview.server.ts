import db from "../db.server";

export interface ShopOverview {
  campaigns: number;
  liveCodes: number;
  redemptions: number;
}

/** The dashboard's headline numbers for one shop. */
export async function shopOverview(shop: string): Promise<ShopOverview> {
  const campaignIds = (await db.campaign.findMany({ where: { shop }, select: { id: true } })).map(
    (c) => c.id,
  );
  const [liveCodes, redemptions] = await Promise.all([
    // Read from the code tallies the database keeps (docs/decisions/026), not by counting codes.
    db.codeTally.aggregate({
      where: {
        shop,
        campaignId: { in: campaignIds },
        pushState: "live",
        status: { not: "revoked" },
      },
      _sum: { count: true },
    }),
    db.redemption.count({ where: { shop, state: { not: "cancelled" } } }),
  ]);
  return {
    campaigns: campaignIds.length,
    liveCodes: Number(liveCodes._sum.count ?? 0),
    redemptions,
  };
}
