// Order and refund bodies for one order at each step of its life, built from Shopify's own Order
// example with a discount code (test/fixtures/shopify-webhooks/orders-create.discount-code.json): the
// body of orders/create (pending, no refunds yet), orders/paid, orders/cancelled, and the
// refunds/create body of the refund the example carries.
import { sample } from "./signed-delivery";

type Order = Record<string, unknown> & { refunds: Record<string, unknown>[] };

// The (B) example has no id past 2^53, so JSON.parse reads it exactly.
const base = JSON.parse(sample("orders-create.discount-code.json")) as Order;

export const ORDER_ID = "450789469";
export const REFUND_AMOUNT = "209.00";

export function orderBody(
  stage: "created" | "paid" | "cancelled",
  changes: Record<string, unknown> = {},
): string {
  const order: Record<string, unknown> = {
    ...base,
    financial_status: stage === "created" ? "pending" : stage === "paid" ? "paid" : "voided",
    cancelled_at: stage === "cancelled" ? "2026-05-02T10:00:00-05:00" : null,
    cancel_reason: stage === "cancelled" ? "customer" : null,
    refunds: [],
    ...changes,
  };
  return JSON.stringify(order);
}

export function refundBody(): string {
  return JSON.stringify(base.refunds[0]);
}

/** The same order carrying other codes (as typed at checkout). */
export function withCodes(codes: string[], stage: "created" | "paid" = "created"): string {
  return orderBody(stage, {
    discount_codes: codes.map((code) => ({ code, amount: "5.00", type: "fixed_amount" })),
    discount_applications: codes.map((code) => ({
      target_type: "line_item",
      type: "discount_code",
      value: "5.0",
      value_type: "fixed_amount",
      allocation_method: "across",
      target_selection: "all",
      code,
    })),
    line_items: [],
  });
}
