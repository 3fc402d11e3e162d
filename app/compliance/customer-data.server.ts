// What OneCode holds about one customer of one shop: the redemptions of their orders (matched by
// customer id, email, or the order ids Shopify names). Used by customers/data_request, to answer
// it, and by customers/redact, to know what to erase.
import type { Tx } from "../db.server";
import type { CustomerRequest } from "./payload";

export function customerRedemptionsWhere(shop: string, who: CustomerRequest) {
  const match = [
    ...(who.customerId ? [{ customerId: who.customerId }] : []),
    // Stored as Shopify sent them. SQLite has no case-insensitive filter in Prisma, so the address
    // is matched as sent and in lower case (how Shopify normalises customer emails).
    ...(who.email
      ? [{ customerEmail: { in: [...new Set([who.email, who.email.toLowerCase()])] } }]
      : []),
    ...(who.orderIds.length > 0 ? [{ orderId: { in: who.orderIds } }] : []),
  ];
  return { shop, OR: match.length > 0 ? match : [{ id: "" }] };
}

export async function customerData(tx: Tx, shop: string, who: CustomerRequest) {
  const redemptions = await tx.redemption.findMany({
    where: customerRedemptionsWhere(shop, who),
    select: {
      orderId: true,
      orderName: true,
      customerId: true,
      customerEmail: true,
      code: true,
      currency: true,
      subtotal: true,
      discount: true,
      total: true,
      refunded: true,
      state: true,
      orderedAt: true,
    },
    orderBy: { orderedAt: "asc" },
  });
  return redemptions.map((r) => ({
    ...r,
    subtotal: r.subtotal.toString(),
    discount: r.discount.toString(),
    total: r.total.toString(),
    refunded: r.refunded.toString(),
    orderedAt: r.orderedAt.toISOString(),
  }));
}
