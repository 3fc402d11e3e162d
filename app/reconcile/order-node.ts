// An order read through the Admin API, turned into the same facts a webhook body gives
// (webhooks/order-payload.ts), so both paths record it the same way.
import { normalizeCode } from "@onecode/checkout-rules/normalize";
import { minorDigits } from "@onecode/checkout-rules/currency";
import { parseMoney } from "../attribution/money";
import type { OrderFacts } from "../webhooks/order-payload";
import { numericId } from "../webhooks/json";

export interface OrderNode {
  id: string;
  name: string | null;
  email: string | null;
  createdAt: string;
  cancelledAt: string | null;
  displayFinancialStatus: string | null;
  currencyCode: string;
  discountCodes: string[];
  customer: { id: string; email: string | null } | null;
  subtotalPriceSet: { shopMoney: { amount: string } } | null;
  totalPriceSet: { shopMoney: { amount: string } };
  refunds: { id: string; totalRefundedSet: { shopMoney: { amount: string } } }[];
  lineItems: {
    nodes: {
      discountAllocations: {
        allocatedAmountSet: { shopMoney: { amount: string } };
        discountApplication: { code?: string } | null;
      }[];
    }[];
  };
}

const PAID = new Set(["PAID", "PARTIALLY_REFUNDED", "REFUNDED"]);

export function orderFactsFromNode(node: OrderNode): OrderFacts | null {
  const orderId = numericId(node.id);
  const total = parseMoney(node.totalPriceSet.shopMoney.amount);
  if (!orderId || total === null) return null;
  const discounts = new Map<string, bigint>();
  for (const line of node.lineItems.nodes) {
    for (const allocation of line.discountAllocations) {
      const code = allocation.discountApplication?.code;
      if (!code) continue;
      const amount = parseMoney(allocation.allocatedAmountSet.shopMoney.amount) ?? 0n;
      discounts.set(normalizeCode(code), (discounts.get(normalizeCode(code)) ?? 0n) + amount);
    }
  }
  return {
    orderId,
    orderName: node.name,
    customerId: node.customer ? numericId(node.customer.id) : null,
    customerEmail: node.customer?.email ?? node.email,
    currency: node.currencyCode,
    decimals: minorDigits(node.currencyCode),
    subtotal: parseMoney(node.subtotalPriceSet?.shopMoney.amount) ?? total,
    total,
    orderedAt: new Date(node.createdAt),
    codes: [...new Set(node.discountCodes.map(normalizeCode))].map((code) => ({
      code,
      discount: discounts.get(code) ?? 0n,
    })),
    paid: PAID.has(node.displayFinancialStatus ?? ""),
    cancelled: node.cancelledAt !== null,
    refunds: node.refunds.flatMap((r) => {
      const refundId = numericId(r.id);
      const amount = parseMoney(r.totalRefundedSet.shopMoney.amount);
      // The Admin order's refund total has no breakdown here: all of it counts against sales.
      return refundId && amount !== null ? [{ refundId, orderId, amount, sales: amount }] : [];
    }),
    // Not in the Admin order without extra scopes; the webhook path flags coupon-site orders.
    landingSite: null,
    referringSite: null,
  };
}
