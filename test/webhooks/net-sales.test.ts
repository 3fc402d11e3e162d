// "Net sales" on the Reports page: the orders' subtotals after discounts, less refunds, with
// shipping and taxes apart, per partner and currency, for orders recorded by signed webhooks.
import { describe, expect, it } from "vitest";
import {
  RequestType,
  setUpValidRequest,
  setUpValidSession,
} from "@shopify/shopify-api/test-helpers";
import { API_KEY, API_SECRET, configureApp, deliver } from "./signed-delivery";
import { newShop, seedCampaign } from "./seed";
import { orderBody, refundBody } from "./order-bodies";

configureApp();
const { sessionStorage } = await import("~/shopify.server");
const reports = await import("~/routes/app.reports._index");

async function reportFor(shop: string) {
  await sessionStorage.storeSession(
    setUpValidSession({ shop, expires: new Date(Date.now() + 24 * 3600 * 1000) }),
  );
  const request = await setUpValidRequest(
    {
      type: RequestType.Admin,
      store: shop.replace(".myshopify.com", ""),
      apiKey: API_KEY,
      apiSecretKey: API_SECRET,
    },
    new Request("https://onecode.example/app/reports", {
      headers: { "User-Agent": "Mozilla/5.0 Chrome/140" },
    }),
  );
  return reports.loader({ request, params: {}, context: {} });
}

const usd = (amount: string) => ({
  shop_money: { amount, currency_code: "USD" },
  presentment_money: { amount, currency_code: "USD" },
});

describe("net sales on the Reports page", () => {
  it("are the order's subtotal after discounts: shipping and taxes are not sales", async () => {
    const seeded = await seedCampaign(newShop("net"));
    // Shopify's order #1001: 597.00 after the 10.00 discount, 11.94 tax; here with 15.00 shipping.
    const body = orderBody("paid", {
      total_shipping_price_set: usd("15.00"),
      total_price: "613.94",
      total_price_set: usd("613.94"),
    });
    expect((await deliver("orders/paid", body, { shop: seeded.shop })).status).toBe(200);
    const { totals, netSalesDefinition } = await reportFor(seeded.shop);
    expect(totals).toEqual([
      expect.objectContaining({ currency: "USD", redemptions: 1, netSales: "597.00" }),
    ]);
    expect(netSalesDefinition).toMatch(/subtotal.*after discounts.*less refunds/i);
    expect(netSalesDefinition).toMatch(/shipping and taxes are not included/i);
  });

  it("are not reduced by a refund of shipping or tax: those were never sales", async () => {
    const seeded = await seedCampaign(newShop("net-ship"));
    const body = orderBody("paid", {
      total_shipping_price_set: usd("15.00"),
      total_price: "613.94",
      total_price_set: usd("613.94"),
    });
    await deliver("orders/paid", body, { shop: seeded.shop });
    const refund = {
      ...(JSON.parse(refundBody()) as Record<string, unknown>),
      id: 31,
      admin_graphql_api_id: "gid://shopify/Refund/31",
      refund_line_items: [],
      refund_shipping_lines: [
        { id: 32, subtotal_amount_set: usd("15.00"), tax_amount_set: usd("1.00") },
      ],
      transactions: [{ kind: "refund", status: "success", amount: "16.00" }],
    };
    await deliver("refunds/create", JSON.stringify(refund), { shop: seeded.shop });
    expect((await reportFor(seeded.shop)).totals[0]!.netSales).toBe("597.00");
    // The money did go back to the buyer: the redemption says so.
    const { default: db } = await import("~/db.server");
    const [row] = await db.redemption.findMany({ where: { shop: seeded.shop } });
    expect(row).toMatchObject({ state: "partially_refunded" });
    expect(row!.refunded.toString()).toBe("16");
  });

  it("are reduced by refunds, and never below zero", async () => {
    const seeded = await seedCampaign(newShop("net-refund"));
    await deliver("orders/paid", orderBody("paid"), { shop: seeded.shop });
    await deliver("refunds/create", refundBody(), { shop: seeded.shop });
    // Of the 209.00 Shopify's example refunds, 7.96 is tax: 597.00 - 201.04.
    expect((await reportFor(seeded.shop)).totals[0]!.netSales).toBe("395.96");
    const whole = JSON.stringify({
      ...JSON.parse(refundBody()),
      id: 2,
      admin_graphql_api_id: null,
      transactions: [{ kind: "refund", status: "success", amount: "500.00" }],
    });
    await deliver("refunds/create", whole, { shop: seeded.shop });
    expect((await reportFor(seeded.shop)).totals[0]!.netSales).toBe("0.00");
  });
});
