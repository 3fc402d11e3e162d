// The body of refunds/create, shaped like Shopify's sample (test/fixtures/shopify-webhooks/
// refunds-create.json): the Refund resource with its successful `refund` transaction, whose
// amount is in the order's presentment currency (Shopify's RefundInput: "This must be the
// presentment currency"). A refund of everything left on the order lists every line item in
// refund_line_items with shop and presentment money; a partial refund of an amount carries
// none, as a refund made in the admin by amount only does.
import { centsToDecimal } from "../store/money";
import type { Order, OrderRefund } from "../store/types";
import { restId, type JsonValue } from "../webhooks/json";
import { decimal, toPresentment } from "./cart";
import type { CheckoutExtras } from "./order-payload";

export function refundPayload(
  order: Order,
  refund: OrderRefund,
  extras: CheckoutExtras,
): JsonValue {
  const presentment = (cents: number) =>
    decimal(toPresentment(cents, extras.rate, extras.presentmentDigits), extras.presentmentDigits);
  const set = (cents: number) => ({
    shop_money: { amount: centsToDecimal(cents), currency_code: order.currency },
    presentment_money: { amount: presentment(cents), currency_code: extras.presentmentCurrency },
  });
  const earlier = order.refunds
    .filter((r) => r.id !== refund.id)
    .reduce((s, r) => s + r.amountCents, 0);
  const whole = earlier === 0 && refund.amountCents === order.totalCents;
  const refundNumber = refund.id.split("/").pop()!;
  return {
    id: restId(refund.id),
    order_id: restId(order.id),
    created_at: refund.createdAt,
    note: refund.note,
    user_id: null,
    processed_at: refund.createdAt,
    duties: [],
    total_duties_set: set(0),
    return: null,
    refund_shipping_lines: [],
    restock: false,
    admin_graphql_api_id: refund.id,
    order_adjustments: [],
    refund_line_items: whole
      ? order.lineItems.map((line, index) => {
          const discount = line.discountAllocations.reduce((s, d) => s + d.amountCents, 0);
          const subtotal = line.unitPriceCents * line.quantity - discount;
          return {
            id: restId(`${refundNumber}${index}`),
            quantity: line.quantity,
            line_item_id: restId(line.id),
            location_id: null,
            restock_type: "no_restock",
            subtotal: Number(centsToDecimal(subtotal)),
            total_tax: 0,
            subtotal_set: set(subtotal),
            total_tax_set: set(0),
          };
        })
      : [],
    transactions: [
      {
        id: restId(`${refundNumber}1`),
        order_id: restId(order.id),
        kind: "refund",
        gateway: "bogus",
        status: "success",
        message: null,
        created_at: refund.createdAt,
        test: order.test,
        authorization: null,
        location_id: null,
        user_id: null,
        parent_id: null,
        processed_at: refund.createdAt,
        device_id: null,
        error_code: null,
        source_name: "web",
        receipt: {},
        amount: presentment(refund.amountCents),
        currency: extras.presentmentCurrency,
        payment_id: `#${order.number}.1`,
        manual_payment_gateway: false,
        amount_rounding: null,
        admin_graphql_api_id: `gid://shopify/OrderTransaction/${refundNumber}1`,
      },
    ],
  };
}
