// What OneCode calls "net sales", in one place: the sales a code brought, as Shopify's own reports
// count them (subtotal_price: "after discounts but before shipping, duties, taxes, and tips"),
// less what refunds returned of those sales (Redemption.refundedSales: a refund's shipping,
// taxes, duties and fees are not taken off, since they were never counted). Never below zero;
// cancelled orders are not sales at all.

export const NET_SALES_DEFINITION =
  "Net sales are the order subtotals after discounts, less refunds. Shipping and taxes are not " +
  "included, neither when charged nor when refunded; cancelled orders are left out.";

/** One redemption's net sales as SQL over the Redemption row (both dialects). */
export const NET_SALES_SQL = `CASE WHEN "refundedSales" >= "subtotal" THEN 0 ELSE "subtotal" - "refundedSales" END`;

/** Redemption states whose orders count as sales. */
export const NOT_SALES_STATE = "cancelled";
