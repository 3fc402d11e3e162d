// Every reason the handler records a delivery as handled with nothing done (a retry would fail the
// same way), each from a real delivery through handleWebhook on the test database.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newShop } from "./seed";

const { handleWebhook } = await import("~/webhooks/handle.server");
type IgnoredCode = import("~/webhooks/handle.server").IgnoredCode;

const shop = newShop("ignored");
const order = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 7,
    currency: "USD",
    subtotal_price: "10.00",
    total_price: "10.00",
    ...extra,
  });
const foreignSet = {
  shop_money: { amount: "0.00", currency_code: "USD" },
  presentment_money: { amount: "0.00", currency_code: "EUR" },
};

const rows: [IgnoredCode, string, string, Date | null][] = [
  ["too_old", "orders/create", order(), new Date(Date.now() - 365 * 24 * 3_600_000)],
  ["not_json", "orders/create", "{", null],
  ["not_an_object", "orders/create", "[]", null],
  ["missing_id", "refunds/create", JSON.stringify({ order_id: 7 }), null],
  ["missing_currency", "orders/paid", order({ currency: null }), null],
  ["unreadable_amounts", "orders/create", order({ total_price: "ten" }), null],
  ["inexact_id", "orders/cancelled", order({ refunds: [{}] }), null],
  ["refund_without_order", "refunds/create", JSON.stringify({ id: 9, transactions: [] }), null],
  [
    "refund_without_rate",
    "refunds/create",
    JSON.stringify({
      id: 9,
      order_id: 7,
      transactions: [{ kind: "refund", status: "success", amount: "5.00" }],
      refund_line_items: [{ subtotal_set: foreignSet }],
    }),
    null,
  ],
  ["unhandled_topic", "products/update", "{}", null],
];

describe("handleWebhook ignores", () => {
  it.each(rows)("with %s", async (code, topic, rawBody, triggeredAt) => {
    const delivery = { shop, topic, eventId: randomUUID(), webhookId: null, triggeredAt, rawBody };
    const outcome = await handleWebhook(delivery);
    expect(outcome).toMatchObject({ status: "ignored", topic, ok: false, code });
    expect(outcome.status === "ignored" && outcome.message).toMatch(/^[A-Z].+/);
    // Recorded as handled (except a delivery too old to deduplicate): a repeat is a duplicate.
    if (code !== "too_old") {
      expect(await handleWebhook(delivery)).toEqual({ status: "duplicate", topic });
    }
  });

  it("lists every code", () => {
    const all: Record<IgnoredCode, true> = {
      too_old: true,
      not_json: true,
      not_an_object: true,
      missing_id: true,
      missing_currency: true,
      unreadable_amounts: true,
      inexact_id: true,
      refund_without_order: true,
      refund_without_rate: true,
      unhandled_topic: true,
    };
    expect(rows.map(([code]) => code).sort()).toEqual(Object.keys(all).sort());
  });
});
