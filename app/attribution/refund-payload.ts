// One refund as Shopify sends it: the refunds/create body, or an entry of an order body's
// `refunds`. Its amount is the money actually returned: the successful `refund` transactions.
// Transaction amounts are in the order's presentment currency (Shopify's RefundInput: "This must
// be the presentment currency"); attribution keeps the shop's currency, so a refund in another
// currency is converted at the rate its own refund lines show (shop_money / presentment_money).
import { parseMoney } from "./money";
import { arr, obj, presentmentMoney, shopMoney, str } from "./payload-read";
import { numericId } from "./webhook-json";

export interface RefundFact {
  refundId: string;
  orderId: string | null;
  /** In the shop's currency, 1/10^4 units (money.ts). */
  amount: bigint;
}

export type RefundRead = { ok: true; refund: RefundFact } | { ok: false; error: string };

export function readRefund(value: unknown): RefundRead {
  const refund = obj(value);
  if (!refund) return { ok: false, error: "The refund is not a JSON object" };
  const refundId = numericId(refund.admin_graphql_api_id) ?? numericId(refund.id);
  if (!refundId) return { ok: false, error: "The refund has no id" };
  let paid = 0n;
  for (const entry of arr(refund.transactions)) {
    const transaction = obj(entry);
    if (transaction?.kind !== "refund" || transaction.status !== "success") continue;
    paid += parseMoney(transaction.amount) ?? 0n;
  }
  return {
    ok: true,
    refund: { refundId, orderId: numericId(refund.order_id), amount: toShopCurrency(paid, refund) },
  };
}

function toShopCurrency(amount: bigint, refund: Record<string, unknown>): bigint {
  let shop = 0n;
  let presentment = 0n;
  for (const entry of arr(refund.refund_line_items)) {
    const set = obj(entry)?.subtotal_set;
    const shopCurrency = str(obj(obj(set)?.shop_money)?.currency_code);
    const buyerCurrency = str(obj(obj(set)?.presentment_money)?.currency_code);
    if (!shopCurrency || shopCurrency === buyerCurrency) continue;
    shop += parseMoney(shopMoney(set)) ?? 0n;
    presentment += parseMoney(presentmentMoney(set)) ?? 0n;
  }
  if (shop <= 0n || presentment <= 0n) return amount;
  return (amount * shop) / presentment;
}
