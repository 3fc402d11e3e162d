// One refund (a refunds/create body, or an order body's entry): the money its successful refund
// transactions returned, in the shop's currency at the rate its own amounts show (decision 011).
import { parseMoney } from "../attribution/money";
import { arr, obj, presentmentMoney, shopMoney, str } from "./payload-read";
import { fail, type Result } from "../result";
import { numericId } from "./json";

export interface RefundFact {
  refundId: string;
  orderId: string | null;
  /** In the shop's currency, 1/10^4 units (money.ts). */
  amount: bigint;
  /** The part of `amount` that returned sales: not shipping, taxes, duties or fees. */
  sales: bigint;
}

/** A refund read from a body; `amount` null: in the buyer's currency at no known rate. */
export type RefundReadCode = "not_an_object" | "missing_id";

export type RefundRead = Result<
  {
    refund: Omit<RefundFact, "amount" | "sales"> & { amount: bigint | null; sales: bigint | null };
  },
  RefundReadCode
>;

/** Shop money per unit of the buyer's money, as two amounts of the same thing. */
export interface Rate {
  shop: bigint;
  presentment: bigint;
}

/** What a set of `*_set` MoneyBags says about currencies: all one, or a rate (null: unknown). */
export type Conversion = { foreign: false } | { foreign: true; rate: Rate | null };

export function readRefund(value: unknown, orderRate: Conversion | null = null): RefundRead {
  const refund = obj(value);
  if (!refund) return fail("not_an_object", "The refund is not a JSON object");
  const refundId = numericId(refund.admin_graphql_api_id) ?? numericId(refund.id);
  if (!refundId) return fail("missing_id", "The refund has no id");
  let paid = 0n;
  for (const entry of arr(refund.transactions)) {
    const transaction = obj(entry);
    if (transaction?.kind !== "refund" || transaction.status !== "success") continue;
    paid += parseMoney(transaction.amount) ?? 0n;
  }
  const own = conversionOf(refundSets(refund));
  const conversion = own.foreign && !own.rate && orderRate?.foreign ? orderRate : own;
  const amount = !conversion.foreign
    ? paid
    : conversion.rate
      ? (paid * conversion.rate.shop) / conversion.rate.presentment
      : paid === 0n
        ? 0n
        : null;
  const sales = amount === null ? null : salesPart(amount, refund);
  return { ok: true, refund: { refundId, orderId: numericId(refund.order_id), amount, sales } };
}

/** The money less what the refund says went back as shipping, taxes, duties and fees. */
function salesPart(amount: bigint, refund: Record<string, unknown>): bigint {
  const shop = (set: unknown) => {
    const units = parseMoney(shopMoney(set)) ?? 0n;
    return units < 0n ? -units : units;
  };
  let other = shop(refund.total_duties_set) + shop(refund.total_additional_fees_set);
  for (const entry of arr(refund.refund_line_items)) other += shop(obj(entry)?.total_tax_set);
  for (const entry of arr(refund.refund_shipping_lines)) {
    other += shop(obj(entry)?.subtotal_amount_set) + shop(obj(entry)?.tax_amount_set);
  }
  for (const entry of arr(refund.order_adjustments)) {
    const adjustment = obj(entry);
    other += shop(adjustment?.tax_amount_set);
    if (adjustment?.kind === "shipping_refund") other += shop(adjustment.amount_set);
  }
  const sales = amount - other;
  return sales < 0n ? 0n : sales > amount ? amount : sales;
}

function refundSets(refund: Record<string, unknown>): unknown[] {
  const of = (list: unknown, ...keys: string[]) =>
    arr(list).flatMap((entry) => keys.map((key) => obj(entry)?.[key]));
  return [
    ...of(refund.refund_line_items, "subtotal_set", "total_tax_set"),
    ...of(refund.refund_shipping_lines, "subtotal_amount_set", "tax_amount_set"),
    ...of(refund.order_adjustments, "amount_set", "tax_amount_set"),
    refund.total_duties_set,
    refund.total_additional_fees_set,
  ];
}

/** Foreign when a MoneyBag names two currencies; the rate is shop over presentment money. */
export function conversionOf(sets: unknown[]): Conversion {
  let foreign = false;
  let shop = 0n;
  let presentment = 0n;
  for (const set of sets) {
    const shopCurrency = str(obj(obj(set)?.shop_money)?.currency_code);
    const buyerCurrency = str(obj(obj(set)?.presentment_money)?.currency_code);
    if (!shopCurrency || !buyerCurrency || shopCurrency === buyerCurrency) continue;
    foreign = true;
    const s = parseMoney(shopMoney(set)) ?? 0n;
    const p = parseMoney(presentmentMoney(set)) ?? 0n;
    if (s === 0n || p === 0n) continue;
    shop += s < 0n ? -s : s;
    presentment += p < 0n ? -p : p;
  }
  if (!foreign) return { foreign: false };
  return { foreign: true, rate: shop > 0n && presentment > 0n ? { shop, presentment } : null };
}
