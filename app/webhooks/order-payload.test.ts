import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readOrder } from "./order-payload";
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
      error: "The order is not a JSON object",
    });
    expect(readOrder({ id: "x" }, "orders/create")).toEqual({
      ok: false,
      error: "The order has no id",
    });
  });
});
