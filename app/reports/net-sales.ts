// "Net sales" in one place: a code's sales as Shopify's reports count them (subtotal_price), less
// what refunds returned of those sales; never below zero; cancelled orders are none (decision 011).

export const NET_SALES_DEFINITION =
  "Net sales are the order subtotals after discounts, less refunds. Shipping and taxes are not " +
  "included, neither when charged nor when refunded; cancelled orders are left out.";

/** One redemption's net sales as SQL over the Redemption row (both dialects). */
export const NET_SALES_SQL = `CASE WHEN "refundedSales" >= "subtotal" THEN 0 ELSE "subtotal" - "refundedSales" END`;

/** Redemption states whose orders count as sales. */
export const NOT_SALES_STATE = "cancelled";
