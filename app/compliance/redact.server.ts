// customers/redact and shop/redact: Shopify sends them when a customer asks to be forgotten (10
// days after the request, unless orders must be kept) and 48 hours after a shop uninstalls
// (shopify.dev/docs/apps/build/compliance/privacy-law-compliance).
import type { Tx } from "../attribution/record-once.server";
import { MARKER_WRITTEN } from "../attribution/customer-marker.server";
import { customerRedemptionsWhere } from "./customer-data.server";
import type { CustomerRequest } from "./payload";

export const DATA_REQUEST_ACTION = "customer_data_request";

/**
 * Erases the customer's personal data and keeps the anonymous totals: their redemptions stay
 * (amounts, code, campaign, partner, state) with no customer id or email, codes bound to them
 * forget whom, and log rows naming them go.
 */
export async function redactCustomer(tx: Tx, shop: string, who: CustomerRequest) {
  const redemptions = await tx.redemption.updateMany({
    where: customerRedemptionsWhere(shop, who),
    data: { customerId: null, customerEmail: null },
  });
  let codes = 0;
  if (who.customerId) {
    ({ count: codes } = await tx.code.updateMany({
      where: { shop, boundCustomerId: who.customerId },
      data: { boundCustomerId: null },
    }));
    await tx.auditLog.deleteMany({
      where: {
        shop,
        OR: [
          { action: MARKER_WRITTEN, subjectId: { startsWith: `${who.customerId}:` } },
          { action: DATA_REQUEST_ACTION, subjectId: who.customerId },
        ],
      },
    });
  }
  return { redemptions: redemptions.count, codes };
}

/**
 * Removes everything the app holds for the shop, keeping only the record of this event (so a
 * repeat of it stays a no-op). Rows are deleted child-first, not left to cascades, so a row
 * whose parent is already gone cannot survive.
 */
export async function redactShop(tx: Tx, shop: string, keepEventId: string) {
  const where = { shop };
  await tx.anomaly.deleteMany({ where });
  await tx.redemption.deleteMany({ where });
  await tx.code.deleteMany({ where });
  await tx.pushChunk.deleteMany({ where });
  await tx.allocation.deleteMany({ where });
  await tx.campaign.deleteMany({ where });
  await tx.apiKey.deleteMany({ where });
  // The partner API's records; an event's delivery log goes with it (cascade).
  await tx.apiClaim.deleteMany({ where });
  await tx.partnerEvent.deleteMany({ where });
  await tx.partnerWebhook.deleteMany({ where });
  await tx.partner.deleteMany({ where });
  await tx.auditLog.deleteMany({ where });
  await tx.session.deleteMany({ where });
  await tx.webhookEvent.deleteMany({ where: { shop, NOT: { eventId: keepEventId } } });
  await tx.shop.deleteMany({ where: { domain: shop } });
}
