import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readOrder, type OrderReadCode } from "./order-payload";
import { readRefund, type RefundReadCode } from "./refund-payload";
import { parseWebhookJson } from "./json";

const sample = (file: string) =>
  readFileSync(new URL(`../../test/fixtures/shopify-webhooks/${file}`, import.meta.url), "utf8");

describe("readOrder", () => {
  it("reads Shopify's order with a discount code: code, shop-money amounts, customer, refunds", () => {
    const read = readOrder(JSON.parse(sample("orders-create.discount-code.json")), "orders/create");
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.order).toMatchObject({
      orderId: "450789469",
      orderName: "#1001",
      customerId: "207119551",
      customerEmail: "bob.norman@mail.example.com",
      currency: "USD",
      subtotal: 5_970_000n,
      total: 5_989_400n,
      // partially_refunded: the money was taken.
      paid: true,
      cancelled: false,
      codes: [{ code: "TENOFF", discount: 100_000n }],
      refunds: [{ refundId: "509562969", orderId: "450789469", amount: 2_090_000n }],
      landingSite: "http://www.example.com?source=abc",
    });
  });

  it("gives an error, not a wrong id, when a bare id past 2^53 was rounded by JSON.parse", () => {
    const text = sample("orders-create.json").replace(
      /"admin_graphql_api_id": "gid:\/\/shopify\/Customer\/\d+",?/,
      "",
    );
    expect(readOrder(JSON.parse(text), "orders/create")).toMatchObject({ ok: false });
    const exact = readOrder(parseWebhookJson(text), "orders/create");
    expect(exact).toMatchObject({ ok: true, order: { customerId: "115310627314723954" } });
  });

  it("takes the topic's word for paid and cancelled", () => {
    const body = {
      ...JSON.parse(sample("orders-create.discount-code.json")),
      financial_status: "pending",
      refunds: [],
    };
    expect(readOrder(body, "orders/paid")).toMatchObject({ ok: true, order: { paid: true } });
    expect(readOrder(body, "orders/cancelled")).toMatchObject({
      ok: true,
      order: { cancelled: true, paid: false },
    });
  });

  it("refuses what is not an order", () => {
    expect(readOrder([], "orders/create")).toEqual({
      ok: false,
      code: "not_an_object",
      message: "The order is not a JSON object",
    });
    expect(readOrder({ id: "x" }, "orders/create")).toEqual({
      ok: false,
      code: "missing_id",
      message: "The order has no id",
    });
  });

  const order = () =>
    JSON.parse(sample("orders-create.discount-code.json")) as Record<string, unknown>;
  const orderFailures: [OrderReadCode, unknown, string][] = [
    ["not_an_object", "an order", "The order is not a JSON object"],
    ["missing_id", { ...order(), id: null, admin_graphql_api_id: null }, "The order has no id"],
    ["missing_currency", { ...order(), currency: "" }, "Order 450789469 has no currency"],
    [
      "unreadable_amounts",
      { ...order(), total_price_set: null, total_price: "ten" },
      "Order 450789469 has no readable subtotal or total",
    ],
    [
      "inexact_id",
      { ...order(), customer: { id: 2 ** 60 } },
      "Order 450789469 has an id that was not read exactly",
    ],
  ];

  it.each(orderFailures)("refuses with %s", (code, body, message) => {
    expect(readOrder(body, "orders/create")).toEqual({ ok: false, code, message });
  });

  it("lists every code", () => {
    const all: Record<OrderReadCode, true> = {
      not_an_object: true,
      missing_id: true,
      missing_currency: true,
      unreadable_amounts: true,
      inexact_id: true,
    };
    expect(orderFailures.map(([code]) => code).sort()).toEqual(Object.keys(all).sort());
  });
});

describe("readRefund", () => {
  const refundFailures: [RefundReadCode, unknown, string][] = [
    ["not_an_object", [], "The refund is not a JSON object"],
    ["missing_id", { order_id: 450789469, transactions: [] }, "The refund has no id"],
  ];

  it.each(refundFailures)("refuses with %s", (code, body, message) => {
    expect(readRefund(body)).toEqual({ ok: false, code, message });
  });

  it("lists every code", () => {
    const all: Record<RefundReadCode, true> = { not_an_object: true, missing_id: true };
    expect(refundFailures.map(([code]) => code).sort()).toEqual(Object.keys(all).sort());
  });
});
