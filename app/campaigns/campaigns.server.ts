import db from "../db.server";

export async function listCampaigns(shop: string) {
  return db.campaign.findMany({
    where: { shop },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      status: true,
      requestedCount: true,
      startsAt: true,
      endsAt: true,
    },
  });
}
