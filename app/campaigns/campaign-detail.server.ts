import db from "../db.server";
import { pushProgress } from "../push/progress.server";
import { listCampaignAnomalies } from "../anomalies/anomalies.server";
import { listCampaignRedemptions } from "../attribution/redemptions.server";
import { isBound } from "./bound-campaign";

/** Everything the campaign page shows, for one campaign of one shop; null when not this shop's. */
export async function campaignPage(shop: string, id: string) {
  const campaign = await db.campaign.findFirst({
    where: { id, shop },
    select: {
      id: true,
      name: true,
      status: true,
      statusMessage: true,
      startsAt: true,
      endsAt: true,
      bindingKey: true,
    },
  });
  if (!campaign) return null;
  // The key itself never leaves the server.
  const { bindingKey, ...shown } = campaign;
  const [progress, anomalies, redemptions] = await Promise.all([
    pushProgress(shop, id),
    listCampaignAnomalies(shop, id),
    listCampaignRedemptions(shop, id, 50),
  ]);
  if (!progress) return null;
  const minted = Object.values(progress.codes).reduce((a, b) => a + b, 0) - progress.codes.replaced;
  return {
    campaign: {
      ...shown,
      /** Codes bound to customers (DESIGN decision 3): the page offers to issue more. */
      bound: isBound({ bindingKey }),
      startsAt: campaign.startsAt.toISOString(),
      endsAt: campaign.endsAt?.toISOString() ?? null,
    },
    progress: { ...progress, minted },
    anomalies: anomalies.map((a) => ({
      id: a.id,
      kind: a.kind,
      status: a.status,
      // Shopify's order name (#1003) is what the merchant sees in Orders; the id is a fallback.
      order: orderNameOf(a.details) ?? a.orderId,
      allocationId: a.allocationId,
      createdAt: a.createdAt.toISOString(),
    })),
    redemptions: redemptions.map((r) => ({
      id: r.id,
      code: r.code,
      orderName: r.orderName ?? r.orderId,
      state: r.state,
      currency: r.currency,
      total: r.total.toFixed(2),
      discount: r.discount.toFixed(2),
      orderedAt: r.orderedAt.toISOString(),
    })),
  };
}

/** Codes of a campaign, oldest first, read in pages so a million rows never sit in memory. */
export async function* campaignCodeRows(shop: string, campaignId: string, pageSize = 5000) {
  let after = 0;
  for (;;) {
    const page = await db.code.findMany({
      where: { shop, campaignId, id: { gt: after } },
      orderBy: { id: "asc" },
      take: pageSize,
      select: {
        id: true,
        code: true,
        status: true,
        pushState: true,
        pushError: true,
        boundCustomerId: true,
      },
    });
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.id;
  }
}

/** The campaign's name, for the CSV file name; null when not this shop's. */
export async function campaignName(shop: string, id: string): Promise<string | null> {
  const row = await db.campaign.findFirst({ where: { id, shop }, select: { name: true } });
  return row?.name ?? null;
}

function orderNameOf(details: unknown): string | null {
  const name = (details as { orderName?: unknown } | null)?.orderName;
  return typeof name === "string" && name !== "" ? name : null;
}
