// What a partner is told about a redemption, the same in the API's list and in webhook events:
// no customer fields, since a partner reconciles commission and does not learn who bought.
import type { Prisma } from "../generated/prisma/sqlite/client";

export const REDEMPTION_SELECT = {
  id: true,
  code: true,
  campaignId: true,
  allocationId: true,
  orderName: true,
  orderedAt: true,
  currency: true,
  subtotal: true,
  discount: true,
  total: true,
  refunded: true,
  state: true,
} satisfies Prisma.RedemptionSelect;

type RedemptionRow = Prisma.RedemptionGetPayload<{ select: typeof REDEMPTION_SELECT }>;

export function redemptionView(r: RedemptionRow) {
  return {
    id: r.id,
    code: r.code,
    campaign: r.campaignId,
    allocation: r.allocationId,
    orderName: r.orderName,
    orderedAt: r.orderedAt.toISOString(),
    currency: r.currency,
    subtotal: r.subtotal.toString(),
    discount: r.discount.toString(),
    total: r.total.toString(),
    refunded: r.refunded.toString(),
    state: r.state,
  };
}
