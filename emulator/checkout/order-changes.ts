// What Shopify tells apps when a merchant changes an order after checkout: cancelling it sends
// orders/cancelled (the Order resource, now with cancelled_at and cancel_reason), and refunding
// it sends refunds/create (the Refund resource). Both follow the store's own events, so an order
// cancelled or refunded through any door (the admin page, the control API, a test) is announced
// once (https://shopify.dev/docs/api/webhooks?reference=toml: orders/cancelled, refunds/create).
import { onStoreEvent, type EmulatorState } from "../store/context";
import type { Order } from "../store/types";
import { webhookServiceOf } from "../webhooks/registry";
import { orderPayload, type CheckoutExtras } from "./order-payload";
import { refundPayload } from "./refund-payload";

// The buyer's currency and delivery line of each order the checkout placed: the store keeps
// shop-currency amounts only, and later payloads must show the same presentment money.
const checkoutExtras = new WeakMap<Order, CheckoutExtras>();

export function rememberCheckoutExtras(order: Order, extras: CheckoutExtras): void {
  checkoutExtras.set(order, extras);
}

/** The order's checkout extras; an order made without the checkout was paid in shop currency. */
export function extrasOf(order: Order): CheckoutExtras {
  return (
    checkoutExtras.get(order) ?? {
      presentmentCurrency: order.currency,
      rate: 1,
      presentmentDigits: 2,
      shipping: null,
      landingSite: null,
      referringSite: null,
    }
  );
}

/** Delivers orders/cancelled and refunds/create as the store reports them; returns the unsubscribe. */
export function announceOrderChanges(state: EmulatorState): () => void {
  return onStoreEvent(state, (event) => {
    const service = webhookServiceOf(state);
    if (event.type === "order/cancelled") {
      const extras = extrasOf(event.order);
      service.deliverWebhook(
        event.shop,
        "orders/cancelled",
        orderPayload(state, event.shop, event.order, extras),
      );
    } else if (event.type === "order/refunded") {
      const refund = event.order.refunds.find((r) => r.id === event.refundId);
      if (!refund) return;
      service.deliverWebhook(
        event.shop,
        "refunds/create",
        refundPayload(event.order, refund, extrasOf(event.order)),
      );
    }
  });
}
