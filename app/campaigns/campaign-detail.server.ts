import db from "../db.server";
import { salesByCurrency } from "../reports/sales-totals.server";
import { pushProgress } from "../push/progress.server";
import { listCampaignAnomalies } from "../anomalies/anomalies.server";
import { ANOMALY_STATUS_LABELS } from "../anomalies/anomaly-labels";
import { formatInZone } from "../shops/zoned-time";
import { isBound } from "./bound-campaign";
import { CAMPAIGN_STATUS_LABELS, REDEMPTION_STATE_LABELS } from "./status-labels";

/**
 * Everything the campaign page shows, for one campaign of one shop; null when not this shop's.
 * Times are written on the shop's clock (`timeZone`, Shopify's setting).
 */
export async function campaignPage(shop: string, id: string, timeZone: string) {
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
  const [progress, anomalies, redemptions, totals] = await Promise.all([
    pushProgress(shop, id),
    listCampaignAnomalies(shop, id),
    db.redemption.findMany({
      where: { shop, campaignId: id },
      orderBy: { orderedAt: "desc" },
      take: 50,
      include: { partner: { select: { name: true } } },
    }),
    salesByCurrency(shop, { campaignId: id }),
  ]);
  if (!progress) return null;
  const orderNames = await namesOfOrders(
    shop,
    anomalies.flatMap((a) => (a.orderId ? [a.orderId] : [])),
  );
  const minted = Object.values(progress.codes).reduce((a, b) => a + b, 0) - progress.codes.replaced;
  return {
    campaign: {
      ...shown,
      /** Codes bound to customers (decision 003): the page offers to issue more. */
      bound: isBound({ bindingKey }),
      statusLabel: CAMPAIGN_STATUS_LABELS[campaign.status],
      startsAt: campaign.startsAt.toISOString(),
      endsAt: campaign.endsAt?.toISOString() ?? null,
      startsAtText: formatInZone(campaign.startsAt, timeZone),
      endsAtText: campaign.endsAt ? formatInZone(campaign.endsAt, timeZone) : null,
    },
    totals,
    progress: { ...progress, minted },
    anomalies: anomalies.map((a) => ({
      id: a.id,
      kind: a.kind,
      status: a.status,
      statusLabel: ANOMALY_STATUS_LABELS[a.status],
      // Shopify's order name ("#1005"), as the redemptions table shows it.
      order: a.orderId ? (orderNames.get(a.orderId) ?? `order ${a.orderId}`) : null,
      allocationId: a.allocationId,
      createdAt: a.createdAt.toISOString(),
      createdAtText: formatInZone(a.createdAt, timeZone),
    })),
    redemptions: redemptions.map((r) => ({
      id: r.id,
      code: r.code,
      orderName: r.orderName ?? r.orderId,
      state: r.state,
      stateLabel: REDEMPTION_STATE_LABELS[r.state],
      partner: r.partner?.name ?? (r.partnerId ? "Deleted partner" : "No partner"),
      customer: r.customerEmail ?? (r.customerId ? `Customer ${r.customerId}` : "Guest"),
      currency: r.currency,
      total: r.total.toFixed(2),
      discount: r.discount.toFixed(2),
      orderedAt: r.orderedAt.toISOString(),
      orderedAtText: formatInZone(r.orderedAt, timeZone),
    })),
  };
}

/** Shopify's names ("#1005") of orders by their numeric ids, from the redemptions they made. */
async function namesOfOrders(shop: string, orderIds: string[]): Promise<Map<string, string>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db.redemption.findMany({
    where: { shop, orderId: { in: [...new Set(orderIds)] }, orderName: { not: null } },
    select: { orderId: true, orderName: true },
  });
  return new Map(rows.map((r) => [r.orderId, r.orderName as string]));
}

/** The campaign's name, for the CSV file name; null when not this shop's. */
export async function campaignName(shop: string, id: string): Promise<string | null> {
  const row = await db.campaign.findFirst({ where: { id, shop }, select: { name: true } });
  return row?.name ?? null;
}
