// A shopper may pay in their own currency (Shopify Markets): the order is in the shop's currency
// (`currency`, every `*_set.shop_money`) and the buyer's (`presentment_currency`,
// `*_set.presentment_money`), and a refund's transactions are in the buyer's. Attribution keeps
// the shop's currency, so a refund is converted at the rate the order's own `*_set` amounts show,
// whichever part of the order it returns: items, shipping, or an amount alone.
import { describe, expect, it } from "vitest";
import { configureApp, deliver } from "./signed-delivery";
import { newShop, seedCampaign } from "./seed";
import { ORDER_ID, orderBody, refundBody } from "./order-bodies";

configureApp();
const { default: db } = await import("~/db.server");

const set = (usd: string, jpy: string) => ({
  shop_money: { amount: usd, currency_code: "USD" },
  presentment_money: { amount: jpy, currency_code: "JPY" },
});

/** Order #1001 paid in yen on a dollar shop: 100 USD of goods (15,000 JPY) and 10 USD shipping. */
function yenOrder(refunds: unknown[] = []) {
  return orderBody("paid", {
    presentment_currency: "JPY",
    subtotal_price: "100.00",
    subtotal_price_set: set("100.00", "15000"),
    total_price: "110.00",
    total_price_set: set("110.00", "16500"),
    total_shipping_price_set: set("10.00", "1500"),
    refunds,
  });
}

/** A refunds/create body returning 1,500 JPY, with the given parts. */
function yenRefund(id: number, parts: Record<string, unknown>) {
  const base = JSON.parse(refundBody()) as Record<string, unknown> & {
    transactions: Record<string, unknown>[];
  };
  return {
    ...base,
    id,
    admin_graphql_api_id: `gid://shopify/Refund/${id}`,
    total_duties_set: set("0.00", "0"),
    total_additional_fees_set: set("0.00", "0"),
    refund_line_items: [],
    refund_shipping_lines: [],
    order_adjustments: [],
    transactions: [{ ...base.transactions[0], amount: "1500", currency: "JPY" }],
    ...parts,
  };
}

const shippingOnly = (id: number) =>
  yenRefund(id, {
    refund_shipping_lines: [
      {
        id: id + 1,
        shipping_line_id: 369256396,
        subtotal_amount_set: set("10.00", "1500"),
        tax_amount_set: set("0.00", "0"),
      },
    ],
  });

const amountOnly = (id: number) =>
  yenRefund(id, {
    order_adjustments: [
      {
        id: id + 1,
        order_id: Number(ORDER_ID),
        refund_id: id,
        amount: "-10.00",
        tax_amount: "0.00",
        kind: "refund_discrepancy",
        reason: "Refund discrepancy",
        amount_set: set("-10.00", "-1500"),
        tax_amount_set: set("0.00", "0"),
      },
    ],
  });

async function refundedAfter(deliveries: [topic: string, body: string][]) {
  const seeded = await seedCampaign(newShop("fx"));
  for (const [topic, body] of deliveries) {
    expect((await deliver(topic, body, { shop: seeded.shop })).status).toBe(200);
  }
  const [row] = await db.redemption.findMany({ where: { shop: seeded.shop } });
  return row!;
}

describe("a refund on an order paid in another currency", () => {
  it("records a shipping-only refund of 1,500 JPY as 10 USD", async () => {
    const row = await refundedAfter([
      ["orders/paid", yenOrder()],
      ["refunds/create", JSON.stringify(shippingOnly(9001))],
    ]);
    expect(row.currency).toBe("USD");
    expect(row.refunded.toString()).toBe("10");
    expect(row.state).toBe("partially_refunded");
  });

  it("records an amount-only refund of 1,500 JPY as 10 USD", async () => {
    const row = await refundedAfter([
      ["orders/paid", yenOrder()],
      ["refunds/create", JSON.stringify(amountOnly(9003))],
    ]);
    expect(row.refunded.toString()).toBe("10");
    expect(row.state).toBe("partially_refunded");
  });

  it("converts a refund listed in the order body at the order's own rate", async () => {
    // Only the transaction: nothing in the refund itself says what 1,500 JPY is worth.
    const bare = yenRefund(9005, {});
    const row = await refundedAfter([["orders/paid", yenOrder([bare])]]);
    expect(row.refunded.toString()).toBe("10");
  });

  it("never records yen as dollars when the refund alone shows no rate", async () => {
    const row = await refundedAfter([
      ["orders/paid", yenOrder()],
      ["refunds/create", JSON.stringify(yenRefund(9007, {}))],
    ]);
    // Reconciliation reads the order's refunds in shop money and records it then.
    expect(row.refunded.toString()).toBe("0");
    expect(row.state).toBe("paid");
  });
});
