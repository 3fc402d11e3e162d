// The body of orders/create and orders/paid for a checkout's order, shaped like Shopify's own
// (the REST Order resource: test/fixtures/shopify-webhooks/orders-create.json for the field set and
// order, orders-create.discount-code.json for discount_codes, discount_applications of type
// "discount_code" and line items' discount_allocations). REST ids are exact integers (RawNumber)
// beside each admin_graphql_api_id; money is "12.34" strings with shop and presentment sets.
import type { EmulatorState } from "../store/context";
import { nextGid } from "../store/ids";
import { centsToDecimal } from "../store/money";
import type { Order } from "../store/types";
import { restId, type JsonValue } from "../webhooks/json";
import { decimal, toPresentment } from "./cart";
import { refundPayload } from "./refund-payload";

export interface CheckoutExtras {
  presentmentCurrency: string;
  rate: number;
  presentmentDigits: number;
  /** The delivery line: its price before discounts and the discount on it, in shop cents. */
  shipping: { title: string; code: string; priceCents: number; discountCents: number } | null;
  /** The buyer's landing page and referrer, as the storefront recorded them. */
  landingSite: string | null;
  referringSite: string | null;
}

export function orderPayload(
  state: EmulatorState,
  shopDomain: string,
  order: Order,
  extras: CheckoutExtras,
): JsonValue {
  const shop = state.shops.get(shopDomain)!;
  const set = (cents: number) => ({
    shop_money: { amount: centsToDecimal(cents), currency_code: order.currency },
    presentment_money: {
      amount: decimal(
        toPresentment(cents, extras.rate, extras.presentmentDigits),
        extras.presentmentDigits,
      ),
      currency_code: extras.presentmentCurrency,
    },
  });
  const lineItemsPrice = order.lineItems.reduce((s, l) => s + l.unitPriceCents * l.quantity, 0);
  const shippingDiscount = extras.shipping?.discountCents ?? 0;
  const totalDiscounts = order.totalDiscountsCents + shippingDiscount;
  const customer = order.customerId ? shop.customers.get(order.customerId) : undefined;
  const token = order.id.split("/").pop()!;
  return {
    id: restId(order.id),
    admin_graphql_api_id: order.id,
    app_id: null,
    browser_ip: null,
    buyer_accepts_marketing: false,
    cancel_reason: order.cancelReason,
    cancelled_at: order.cancelledAt,
    cart_token: null,
    checkout_token: `emulator-${token}`,
    client_details: null,
    closed_at: null,
    confirmation_number: `EMU${token.slice(-6).padStart(6, "0")}`,
    confirmed: true,
    contact_email: order.email,
    created_at: order.createdAt,
    currency: order.currency,
    current_subtotal_price: centsToDecimal(order.subtotalCents),
    current_subtotal_price_set: set(order.subtotalCents),
    current_total_discounts: centsToDecimal(totalDiscounts),
    current_total_discounts_set: set(totalDiscounts),
    current_total_price: centsToDecimal(order.totalCents),
    current_total_price_set: set(order.totalCents),
    current_total_tax: centsToDecimal(order.taxCents),
    current_total_tax_set: set(order.taxCents),
    customer_locale: "en",
    discount_codes: order.discountCodes.map((code) => ({
      code: code.code,
      amount: centsToDecimal(code.amountCents),
      type: code.type,
    })),
    email: order.email,
    estimated_taxes: false,
    financial_status: order.financialStatus,
    fulfillment_status: null,
    name: order.name,
    note: order.note,
    note_attributes: [],
    number: order.number,
    order_number: order.orderNumber,
    order_status_url: `https://${shopDomain}/${token}/orders/${token}/authenticate`,
    payment_gateway_names: ["bogus"],
    phone: null,
    presentment_currency: extras.presentmentCurrency,
    processed_at: order.processedAt,
    source_name: order.sourceName,
    subtotal_price: centsToDecimal(order.subtotalCents),
    subtotal_price_set: set(order.subtotalCents),
    tags: order.tags.join(", "),
    tax_lines: [],
    taxes_included: false,
    test: order.test,
    token,
    total_discounts: centsToDecimal(totalDiscounts),
    total_discounts_set: set(totalDiscounts),
    total_line_items_price: centsToDecimal(lineItemsPrice),
    total_line_items_price_set: set(lineItemsPrice),
    total_outstanding: "0.00",
    total_price: centsToDecimal(order.totalCents),
    total_price_set: set(order.totalCents),
    total_shipping_price_set: set(order.shippingCents),
    total_tax: centsToDecimal(order.taxCents),
    total_tax_set: set(order.taxCents),
    total_tip_received: "0.00",
    total_weight: 0,
    updated_at: order.updatedAt,
    user_id: null,
    // The rest of the sample's fields: nothing the checkout models (duties, fees, POS, B2B).
    current_shipping_price_set: set(order.shippingCents),
    current_total_additional_fees_set: null,
    current_total_duties_set: null,
    device_id: null,
    duties_included: false,
    landing_site: extras.landingSite,
    landing_site_ref: null,
    location_id: null,
    merchant_business_entity_id: Buffer.from(shop.id.split("/").pop()!).toString("base64url"),
    merchant_of_record_app_id: null,
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    po_number: null,
    reference: null,
    referring_site: extras.referringSite,
    source_identifier: null,
    source_url: null,
    tax_exempt: false,
    total_cash_rounding_payment_adjustment_set: set(0),
    total_cash_rounding_refund_adjustment_set: set(0),
    payment_terms: null,
    returns: [],
    line_item_groups: [],
    billing_address: null,
    customer: customer
      ? {
          id: restId(customer.id),
          email: customer.email,
          created_at: customer.createdAt,
          updated_at: customer.updatedAt,
          first_name: customer.firstName,
          last_name: customer.lastName,
          state: "enabled",
          note: null,
          verified_email: true,
          multipass_identifier: null,
          tax_exempt: false,
          phone: null,
          currency: order.currency,
          tags: customer.tags.join(", "),
          tax_exemptions: [],
          admin_graphql_api_id: customer.id,
          default_address: null,
        }
      : null,
    discount_applications: order.discountApplications.map((application) => ({
      target_type: application.targetType,
      type: application.type,
      value:
        application.valueType === "percentage"
          ? application.value.toFixed(1)
          : centsToDecimal(application.value),
      value_type: application.valueType,
      allocation_method: application.allocationMethod,
      target_selection: application.targetSelection,
      code: application.code,
    })),
    fulfillments: [],
    line_items: order.lineItems.map((line) => {
      const discount = line.discountAllocations.reduce((s, d) => s + d.amountCents, 0);
      return {
        id: restId(line.id),
        admin_graphql_api_id: line.id,
        current_quantity: line.quantity,
        fulfillable_quantity: line.quantity,
        fulfillment_service: "manual",
        fulfillment_status: null,
        gift_card: false,
        grams: 0,
        name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
        price: centsToDecimal(line.unitPriceCents),
        price_set: set(line.unitPriceCents),
        product_exists: true,
        product_id: line.productId ? restId(line.productId) : null,
        properties: [],
        quantity: line.quantity,
        requires_shipping: true,
        sku: line.sku,
        taxable: true,
        title: line.title,
        total_discount: centsToDecimal(discount),
        total_discount_set: set(discount),
        variant_id: line.variantId ? restId(line.variantId) : null,
        variant_inventory_management: null,
        variant_title: line.variantTitle,
        vendor: null,
        tax_lines: [],
        duties: [],
        discount_allocations: line.discountAllocations.map((allocation) => ({
          amount: centsToDecimal(allocation.amountCents),
          amount_set: set(allocation.amountCents),
          discount_application_index: allocation.discountApplicationIndex,
        })),
      };
    }),
    refunds: order.refunds.map((refund) => refundPayload(order, refund, extras)),
    shipping_address: null,
    shipping_lines: extras.shipping
      ? [
          {
            id: restId(nextGid(state.ids, "ShippingLine")),
            carrier_identifier: null,
            code: extras.shipping.code,
            discounted_price: centsToDecimal(extras.shipping.priceCents - shippingDiscount),
            discounted_price_set: set(extras.shipping.priceCents - shippingDiscount),
            is_removed: false,
            phone: null,
            price: centsToDecimal(extras.shipping.priceCents),
            price_set: set(extras.shipping.priceCents),
            requested_fulfillment_service_id: null,
            source: "shopify",
            title: extras.shipping.title,
            tax_lines: [],
            discount_allocations: order.discountApplications.flatMap((application, index) =>
              application.targetType === "shipping_line"
                ? [
                    {
                      amount: centsToDecimal(shippingDiscount),
                      amount_set: set(shippingDiscount),
                      discount_application_index: index,
                    },
                  ]
                : [],
            ),
          },
        ]
      : [],
  };
}
