// What OneCode calls "net sales", in one place: the sales a code brought, as Shopify's own reports
// count them (subtotal_price: "after discounts but before shipping, duties, taxes, and tips"),
// less the money refunded on the order. Shipping and taxes are not sales, so they are left out;
// an order refunded beyond its subtotal (its shipping and taxes refunded too) counts as zero,
// never as negative sales. Cancelled orders are not sales at all.

export const NET_SALES_DEFINITION =
  "Net sales are the order subtotals after discounts, less refunds. Shipping and taxes are not " +
  "included, a fully refunded order counts as zero, and cancelled orders are left out.";

/** One redemption's net sales as SQL over the Redemption row (both dialects). */
export const NET_SALES_SQL = `CASE WHEN "refunded" >= "subtotal" THEN 0 ELSE "subtotal" - "refunded" END`;

/** Redemption states whose orders count as sales. */
export const NOT_SALES_STATE = "cancelled";
