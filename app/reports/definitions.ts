// Every figure the reports show, defined once: the words a merchant reads on hover, the SQL the
// rollup and the export sum with, and the ratios the page derives from those sums. Net sales keep
// their own module (net-sales.ts), which the attribution side shares.
import { NET_SALES_DEFINITION, NET_SALES_SQL, NOT_SALES_STATE } from "./net-sales";

export { NET_SALES_DEFINITION, NET_SALES_SQL, NOT_SALES_STATE };

/** One order's net sales as the reports count them: a cancelled order has none. */
export const ORDER_NET_SALES_SQL = `CASE WHEN "state" = '${NOT_SALES_STATE}' THEN 0 ELSE ${NET_SALES_SQL} END`;

/**
 * A leaked redemption, over the Redemption row `r` and its code `c` (LEFT JOINed): the code had
 * not been handed out when the order was placed, or the order came from a coupon site. Where the
 * buyer came from is in the order webhook's referring_site and landing_site; the anomaly detector
 * (app/anomalies/detect.ts) reads them against the shop's coupon sites when it records the
 * redemption and leaves a coupon_site_referral anomaly for that order and code, in the same
 * transaction, so the fact is read back from there.
 */
export const LEAKED_SQL = `((c."id" IS NOT NULL AND (c."distributedAt" IS NULL OR c."distributedAt" > r."orderedAt"))
  OR EXISTS (SELECT 1 FROM "Anomaly" a WHERE a."shop" = r."shop" AND a."orderId" = r."orderId"
    AND a."codeId" = r."codeId" AND a."kind" = 'coupon_site_referral'))`;

/** What the code took off one order: the discount Shopify applied for it. */
export const DISCOUNT_COST_SQL = `"discount"`;

export const DEFINITIONS = {
  redemptions:
    "Orders placed with one of your codes, cancelled orders left out. Each order counts on the day it was placed, in your store's time zone.",
  netSales: NET_SALES_DEFINITION,
  discountCost:
    "What the codes took off those orders: the discount Shopify applied for each code, in the order's currency.",
  aov: "Average order value with the code: net sales divided by the number of orders.",
  aovBefore:
    "Average order value without the code: what the same orders came to before the code's discount (net sales plus discount cost, per order). OneCode sees only orders that used a code, so this is not the AOV of your other orders.",
  discountShare:
    "Discount cost as a share of net sales: what each unit of sales cost in discounts.",
  leakRate:
    "Orders whose code had not been handed out (by allocation download, partner API or publishing) when the order was placed, or whose buyer came from a coupon site (one of the sites in Settings), as a share of all orders with a code. Such codes were guessed or shared beyond the people they were meant for.",
  funnel:
    "Codes minted, live in Shopify, handed out, redeemed, and redeemed on orders later refunded or cancelled. Counts today, whatever the date range.",
} as const;

export type Definition = keyof typeof DEFINITIONS;

/** Sums of one currency over a range, as the rollup keeps them. */
export interface MoneyTotals {
  orders: number;
  cancelled: number;
  refunded: number;
  leaked: number;
  subtotal: number;
  discount: number;
  netSales: number;
}

export interface Ratios {
  aov: number | null;
  aovBefore: number | null;
  discountShare: number | null;
  leakRate: number | null;
}

/** The ratios of one currency's totals; null where the denominator is zero. */
export function ratios(t: MoneyTotals): Ratios {
  const all = t.orders + t.cancelled;
  return {
    aov: t.orders ? round2(t.netSales / t.orders) : null,
    aovBefore: t.orders ? round2((t.netSales + t.discount) / t.orders) : null,
    discountShare: t.netSales > 0 ? t.discount / t.netSales : null,
    leakRate: all ? t.leaked / all : null,
  };
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

export const EMPTY_TOTALS: MoneyTotals = {
  orders: 0,
  cancelled: 0,
  refunded: 0,
  leaked: 0,
  subtotal: 0,
  discount: 0,
  netSales: 0,
};

export function addTotals(a: MoneyTotals, b: MoneyTotals): MoneyTotals {
  return {
    orders: a.orders + b.orders,
    cancelled: a.cancelled + b.cancelled,
    refunded: a.refunded + b.refunded,
    leaked: a.leaked + b.leaked,
    subtotal: a.subtotal + b.subtotal,
    discount: a.discount + b.discount,
    netSales: a.netSales + b.netSales,
  };
}
