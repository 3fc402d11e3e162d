import { emit, nowIso, type EmulatorState } from "./context";
import { nextGid } from "./ids";
import type {
  FinancialStatus,
  Gid,
  Order,
  OrderDiscountApplication,
  OrderDiscountCode,
  OrderLineItem,
  ShopRecord,
} from "./types";

export interface NewOrderLine {
  productId: Gid | null;
  variantId: Gid | null;
  title: string;
  variantTitle?: string | null;
  sku?: string | null;
  quantity: number;
  unitPriceCents: number;
  discountAllocations?: { amountCents: number; discountApplicationIndex: number }[];
}

/** What the checkout hands over; totals are computed here so every order adds up. */
export interface NewOrder {
  customerId: Gid | null;
  email?: string | null;
  lineItems: NewOrderLine[];
  discountApplications?: OrderDiscountApplication[];
  discountCodes?: OrderDiscountCode[];
  shippingCents?: number;
  taxCents?: number;
  financialStatus?: FinancialStatus;
  tags?: string[];
  note?: string | null;
  test?: boolean;
  sourceName?: string;
}

/**
 * Creates an order: assigns its id, number and name (#1001, #1002 ...), sums its totals from the
 * lines and their discount allocations, and updates the customer's numberOfOrders and amountSpent.
 * It does not count code usage: the checkout calls recordCodeUsage first (see codes.ts).
 */
export function createOrder(state: EmulatorState, shop: ShopRecord, input: NewOrder): Order {
  if (input.customerId && !shop.customers.has(input.customerId)) {
    throw new Error(`Unknown customer ${input.customerId} on ${shop.domain}`);
  }
  const at = nowIso(state);
  const lineItems: OrderLineItem[] = input.lineItems.map((line) => ({
    id: nextGid(state.ids, "LineItem"),
    productId: line.productId,
    variantId: line.variantId,
    title: line.title,
    variantTitle: line.variantTitle ?? null,
    sku: line.sku ?? null,
    quantity: line.quantity,
    unitPriceCents: line.unitPriceCents,
    discountAllocations: line.discountAllocations ?? [],
  }));
  const subtotalBeforeDiscounts = lineItems.reduce((s, l) => s + l.unitPriceCents * l.quantity, 0);
  const totalDiscounts = lineItems.reduce(
    (s, l) => s + l.discountAllocations.reduce((a, d) => a + d.amountCents, 0),
    0,
  );
  const shipping = input.shippingCents ?? 0;
  const tax = input.taxCents ?? 0;
  const customer = input.customerId ? shop.customers.get(input.customerId) : undefined;
  const number = shop.nextOrderNumber++;
  const order: Order = {
    id: nextGid(state.ids, "Order"),
    name: `#${number}`,
    number: number - 1000,
    orderNumber: number,
    email: input.email ?? customer?.email ?? null,
    customerId: input.customerId,
    currency: shop.currency,
    lineItems,
    discountApplications: input.discountApplications ?? [],
    discountCodes: input.discountCodes ?? [],
    subtotalCents: subtotalBeforeDiscounts - totalDiscounts,
    totalDiscountsCents: totalDiscounts,
    shippingCents: shipping,
    taxCents: tax,
    totalCents: subtotalBeforeDiscounts - totalDiscounts + shipping + tax,
    financialStatus: input.financialStatus ?? "paid",
    tags: input.tags ?? [],
    note: input.note ?? null,
    test: input.test ?? false,
    sourceName: input.sourceName ?? "web",
    refunds: [],
    cancelledAt: null,
    cancelReason: null,
    createdAt: at,
    updatedAt: at,
    processedAt: at,
  };
  shop.orders.set(order.id, order);
  if (customer) {
    customer.numberOfOrders += 1;
    customer.amountSpentCents += order.totalCents;
    customer.updatedAt = at;
  }
  emit(state, { type: "order/created", shop: shop.domain, order });
  return order;
}

export function getOrder(shop: ShopRecord, id: Gid): Order | undefined {
  return shop.orders.get(id);
}

export function listOrders(shop: ShopRecord): Order[] {
  return [...shop.orders.values()];
}

export function cancelOrder(
  state: EmulatorState,
  shop: ShopRecord,
  orderId: Gid,
  reason = "customer",
): Order {
  const order = shop.orders.get(orderId);
  if (!order) throw new Error(`Unknown order ${orderId} on ${shop.domain}`);
  if (order.cancelledAt) return order;
  const at = nowIso(state);
  order.cancelledAt = at;
  order.cancelReason = reason;
  order.updatedAt = at;
  emit(state, { type: "order/cancelled", shop: shop.domain, order });
  return order;
}

/** Records a refund of `amountCents` (the whole remaining total when omitted). */
export function refundOrder(
  state: EmulatorState,
  shop: ShopRecord,
  orderId: Gid,
  amountCents?: number,
  note: string | null = null,
): Order {
  const order = shop.orders.get(orderId);
  if (!order) throw new Error(`Unknown order ${orderId} on ${shop.domain}`);
  const refunded = order.refunds.reduce((s, r) => s + r.amountCents, 0);
  const amount = amountCents ?? order.totalCents - refunded;
  if (amount <= 0 || refunded + amount > order.totalCents) {
    throw new Error(`Refund of ${amount} cents exceeds what is left on ${order.name}`);
  }
  const at = nowIso(state);
  const refundId = nextGid(state.ids, "Refund");
  order.refunds.push({ id: refundId, createdAt: at, amountCents: amount, note });
  order.financialStatus =
    refunded + amount === order.totalCents ? "refunded" : "partially_refunded";
  order.updatedAt = at;
  emit(state, { type: "order/refunded", shop: shop.domain, order, refundId });
  return order;
}
