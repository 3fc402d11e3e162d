// What attribution needs from an orders/* body. Each body is a full snapshot of the order, so any
// of create, paid or cancelled records a redemption, in whatever order they arrive.
import { normalizeCode } from "@onecode/checkout-rules/normalize";
import { decimalsOf, parseMoney } from "../attribution/money";
import { arr, obj, shopMoney, str, type Json } from "./payload-read";
import { conversionOf, readRefund, type RefundFact } from "./refund-payload";
import { fail, type Result } from "../result";
import { numericId } from "./json";

export interface CodeUse {
  /** Canonical form (normalizeCode). */
  code: string;
  /** The discount this code gave, in the shop's currency (money.ts units). */
  discount: bigint;
}

export interface OrderFacts {
  orderId: string;
  orderName: string | null;
  customerId: string | null;
  customerEmail: string | null;
  currency: string;
  /** Decimals the shop's currency is written with, for exact splits. */
  decimals: number;
  subtotal: bigint;
  total: bigint;
  orderedAt: Date;
  codes: CodeUse[];
  paid: boolean;
  cancelled: boolean;
  refunds: RefundFact[];
  landingSite: string | null;
  referringSite: string | null;
}

export type OrderReadCode =
  "not_an_object" | "missing_id" | "missing_currency" | "unreadable_amounts" | "inexact_id";

export type OrderRead = Result<{ order: OrderFacts }, OrderReadCode>;

// financial_status values that mean the money was taken (a later refund does not undo "paid").
const PAID_STATUSES = new Set(["paid", "partially_refunded", "refunded"]);

export function readOrder(value: unknown, topic: string): OrderRead {
  const order = obj(value);
  if (!order) return fail("not_an_object", "The order is not a JSON object");
  const orderId = numericId(order.admin_graphql_api_id) ?? numericId(order.id);
  if (!orderId) return fail("missing_id", "The order has no id");
  const currency = str(order.currency);
  if (!currency) return fail("missing_currency", `Order ${orderId} has no currency`);
  const subtotalText = shopMoney(order.subtotal_price_set) ?? order.subtotal_price;
  const subtotal = parseMoney(subtotalText);
  const total = parseMoney(shopMoney(order.total_price_set) ?? order.total_price);
  if (subtotal === null || total === null) {
    return fail("unreadable_amounts", `Order ${orderId} has no readable subtotal or total`);
  }
  const customer = obj(order.customer);
  const customerId = customer
    ? (numericId(customer.admin_graphql_api_id) ?? numericId(customer.id))
    : null;
  // A refund in the buyer's currency that shows no rate of its own takes the order's.
  const rate = conversionOf([
    order.total_price_set,
    order.subtotal_price_set,
    order.total_shipping_price_set,
  ]);
  const refunds = arr(order.refunds).map((refund) => readRefund(refund, rate));
  // An id past 2^53 from a plain JSON.parse is refused, so the caller parses again exactly.
  if ((customer && customer.id != null && !customerId) || refunds.some((r) => !r.ok)) {
    return fail("inexact_id", `Order ${orderId} has an id that was not read exactly`);
  }
  const orderedAt = new Date(str(order.created_at) ?? str(order.processed_at) ?? Date.now());
  return {
    ok: true,
    order: {
      orderId,
      orderName: str(order.name),
      customerId: customer
        ? (numericId(customer.admin_graphql_api_id) ?? numericId(customer.id))
        : null,
      customerEmail: str(customer?.email) ?? str(order.email) ?? str(order.contact_email),
      currency,
      decimals: decimalsOf(subtotalText),
      subtotal,
      total,
      orderedAt: Number.isNaN(orderedAt.getTime()) ? new Date() : orderedAt,
      codes: codeUses(order),
      paid: topic === "orders/paid" || PAID_STATUSES.has(String(order.financial_status)),
      cancelled: topic === "orders/cancelled" || str(order.cancelled_at) !== null,
      refunds: refunds.flatMap((r) =>
        r.ok && r.refund.amount !== null && r.refund.sales !== null
          ? [{ ...r.refund, amount: r.refund.amount, sales: r.refund.sales }]
          : [],
      ),
      landingSite: str(order.landing_site),
      referringSite: str(order.referring_site),
    },
  };
}

/** Each code in `discount_codes` once, with its discount (allocations' shop money, or `amount`). */
function codeUses(order: Json): CodeUse[] {
  const applications = arr(order.discount_applications).map(obj);
  const allocated = new Map<string, bigint>();
  const lines = [...arr(order.line_items), ...arr(order.shipping_lines)];
  for (const line of lines) {
    for (const entry of arr(obj(line)?.discount_allocations)) {
      const allocation = obj(entry);
      const index = allocation?.discount_application_index;
      const application = typeof index === "number" ? applications[index] : null;
      if (application?.type !== "discount_code" || typeof application.code !== "string") continue;
      const code = normalizeCode(application.code);
      const amount = parseMoney(shopMoney(allocation?.amount_set) ?? allocation?.amount) ?? 0n;
      allocated.set(code, (allocated.get(code) ?? 0n) + amount);
    }
  }
  const uses = new Map<string, CodeUse>();
  for (const entry of arr(order.discount_codes)) {
    const raw = str(obj(entry)?.code);
    if (!raw) continue;
    const code = normalizeCode(raw);
    if (uses.has(code)) continue;
    const discount = allocated.get(code) ?? parseMoney(obj(entry)?.amount) ?? 0n;
    uses.set(code, { code, discount });
  }
  return [...uses.values()];
}
