import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../clock";
import { createOrder } from "../store/orders";
import type { Order } from "../store/types";
import { startTestClient, type TestClient } from "../test-client";

const clock = manualClock(Date.parse("2026-03-01T00:00:00Z"));
let client: TestClient;
const made: Order[] = [];

beforeAll(async () => {
  client = await startTestClient({ clock });
  const state = client.emulator.state;
  const shop = state.shops.get(client.shop);
  if (!shop) throw new Error("demo shop missing");
  const product = [...shop.products.values()][0];
  const variant = product?.variants[0];
  const customer = [...shop.customers.values()][0];
  if (!product || !variant || !customer) throw new Error("demo catalog missing");
  // Seeded orders were made at 2026-03-01; these follow, one a day.
  for (let i = 0; i < 5; i++) {
    clock.advance(24 * 3600 * 1000);
    const code = i % 2 === 0 ? `SUMMER-${i}` : null;
    made.push(
      createOrder(state, shop, {
        customerId: customer.id,
        lineItems: [
          {
            productId: product.id,
            variantId: variant.id,
            title: product.title,
            quantity: 2,
            unitPriceCents: 2500,
            discountAllocations: code ? [{ amountCents: 500, discountApplicationIndex: 0 }] : [],
          },
        ],
        discountApplications: code
          ? [
              {
                type: "discount_code",
                code,
                title: null,
                description: null,
                valueType: "percentage",
                value: 10,
                allocationMethod: "across",
                targetSelection: "all",
                targetType: "line_item",
              },
            ]
          : [],
        discountCodes: code ? [{ code, amountCents: 500, type: "percentage" }] : [],
      }),
    );
  }
});
afterAll(() => client.close());

const ORDERS = `query ($query: String, $after: String, $sortKey: OrderSortKeys, $reverse: Boolean) {
  orders(first: 2, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
    nodes { name discountCodes totalPriceSet { shopMoney { amount currencyCode } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function allNames(variables: Record<string, unknown>): Promise<string[]> {
  const names: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { body } = await client.gql(ORDERS, { ...variables, after });
    names.push(...body.data.orders.nodes.map((n: { name: string }) => n.name));
    if (!body.data.orders.pageInfo.hasNextPage) return names;
    after = body.data.orders.pageInfo.endCursor;
  }
}

describe("orders", () => {
  it("filters by updated_at and pages with cursors", async () => {
    const since = made[1]?.updatedAt ?? "";
    expect(await allNames({ query: `updated_at:>'${since}'`, sortKey: "UPDATED_AT" })).toEqual([
      "#1005",
      "#1006",
      "#1007",
    ]);
    expect(
      await allNames({ query: `updated_at:>='${since}'`, sortKey: "UPDATED_AT", reverse: true }),
    ).toEqual(["#1007", "#1006", "#1005", "#1004"]);
  });

  it("filters by discount_code, case-insensitively", async () => {
    const { body } = await client.gql(ORDERS, { query: "discount_code:summer-2" });
    expect(body.data.orders.nodes).toEqual([
      {
        name: "#1005",
        discountCodes: ["SUMMER-2"],
        totalPriceSet: { shopMoney: { amount: "45.00", currencyCode: "USD" } },
      },
    ]);
  });

  it("warns about, and ignores, filter fields Shopify does not know", async () => {
    const { body } = await client.gql(ORDERS, { query: "no_such_field:1 discount_code:SUMMER-4" });
    expect(body.data.orders.nodes.map((n: { name: string }) => n.name)).toEqual(["#1007"]);
    expect(body.extensions.search[0].warnings).toEqual([
      { field: "no_such_field", message: "Invalid search field for this query." },
    ]);
  });

  it("reads one order with its lines, allocations and discount applications", async () => {
    const order = made[0];
    const { body } = await client.gql(
      `query ($id: ID!) { order(id: $id) {
        name discountCode customer { email }
        lineItems(first: 5) { nodes { quantity originalUnitPriceSet { shopMoney { amount } } discountAllocations { allocatedAmountSet { shopMoney { amount } } } } }
        discountApplications(first: 5) { nodes { __typename allocationMethod targetType value { ... on PricingPercentageValue { percentage } } ... on DiscountCodeApplication { code } } }
      } }`,
      { id: order?.id },
    );
    expect(body.data.order).toEqual({
      name: "#1003",
      discountCode: "SUMMER-0",
      customer: { email: "ada@example.com" },
      lineItems: {
        nodes: [
          {
            quantity: 2,
            originalUnitPriceSet: { shopMoney: { amount: "25.00" } },
            discountAllocations: [{ allocatedAmountSet: { shopMoney: { amount: "5.00" } } }],
          },
        ],
      },
      discountApplications: {
        nodes: [
          {
            __typename: "DiscountCodeApplication",
            allocationMethod: "ACROSS",
            targetType: "LINE_ITEM",
            value: { percentage: 10 },
            code: "SUMMER-0",
          },
        ],
      },
    });
  });

  it("hides orders older than 60 days without read_all_orders", async () => {
    clock.advance(90 * 24 * 3600 * 1000);
    expect(await allNames({})).toEqual([]);
    const { body } = await client.gql(`query ($id: ID!) { order(id: $id) { id } }`, {
      id: made[0]?.id,
    });
    expect(body.data.order).toBeNull();
  });
});
