import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { manualClock } from "../clock";
import {
  addRedeemCode,
  authenticateAccessToken,
  checkCodeRedeemable,
  createCodeDiscount,
  createEmulatorState,
  createOrder,
  DEMO_SHOP,
  findRedeemCode,
  installApp,
  legacyId,
  loadAppRegistration,
  onStoreEvent,
  recordCodeUsage,
  requireShop,
  resetEmulatorState,
  uninstallApp,
  type NewCodeDiscount,
  type StoreEvent,
} from "./index";

function discountInput(overrides: Partial<NewCodeDiscount> = {}): NewCodeDiscount {
  return {
    kind: "app",
    title: "Test",
    startsAt: "2026-01-01T00:00:00.000Z",
    endsAt: null,
    usageLimit: 1,
    appliesOncePerCustomer: false,
    combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: false },
    discountClasses: ["ORDER"],
    tags: [],
    functionId: null,
    appApiKey: "onecode-demo-api-key",
    appliesOnOneTimePurchase: true,
    appliesOnSubscription: false,
    recurringCycleLimit: 1,
    basic: null,
    customerIds: null,
    ...overrides,
  };
}

describe("emulator store", () => {
  it("seeds the demo shop and can hand out ids past 2^53", () => {
    const state = createEmulatorState({ bigIds: true });
    const shop = requireShop(state, DEMO_SHOP);
    expect(shop.products.size).toBe(12);
    expect(shop.collections.size).toBe(3);
    const ids = [...shop.customers.keys()].map((id) => BigInt(legacyId(id)));
    expect(ids.every((id) => id > 2n ** 53n)).toBe(true);
    // Consecutive ids a JS number would merge stay distinct.
    expect(new Set(ids.map(String)).size).toBe(ids.length);
    const returning = [...shop.customers.values()].find((c) => c.tags.includes("returning"));
    expect(returning).toMatchObject({ numberOfOrders: 2, amountSpentCents: 9000 });
  });

  it("keeps codes unique per shop, case-insensitively, across discounts", () => {
    const state = createEmulatorState();
    const shop = requireShop(state, DEMO_SHOP);
    const a = createCodeDiscount(state, shop, discountInput());
    const b = createCodeDiscount(state, shop, discountInput());
    expect("redeemCode" in addRedeemCode(state, shop, a.id, "Welcome-10", null)).toBe(true);
    expect(addRedeemCode(state, shop, b.id, "WELCOME-10", null)).toEqual({
      error: {
        field: ["code"],
        message: "must be unique. Please try a different code.",
        code: null,
      },
    });
    expect(findRedeemCode(state, shop, "welcome-10")?.discount.id).toBe(a.id);
  });

  it("lets exactly one of two racing checkouts use a single-use code", () => {
    const state = createEmulatorState();
    const shop = requireShop(state, DEMO_SHOP);
    const discount = createCodeDiscount(state, shop, discountInput({ usageLimit: 1 }));
    const added = addRedeemCode(state, shop, discount.id, "ONCE-ONLY", null);
    if (!("redeemCode" in added)) throw new Error("code not added");
    const [ada, grace] = [...shop.customers.values()];
    // Both carts pass the native checks before either order is placed...
    expect(checkCodeRedeemable(state, shop, "once-only", ada?.id ?? null).ok).toBe(true);
    expect(checkCodeRedeemable(state, shop, "once-only", grace?.id ?? null).ok).toBe(true);
    // ...and only the first to record its use wins.
    const first = recordCodeUsage(state, shop, added.redeemCode.id, ada?.id ?? null);
    const second = recordCodeUsage(state, shop, added.redeemCode.id, grace?.id ?? null);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, reason: "USAGE_LIMIT_REACHED" });
    expect(added.redeemCode.asyncUsageCount).toBe(1);
  });

  it("applies once-per-customer per buyer, counting a guest by email, and the window", () => {
    const clock = manualClock(Date.parse("2026-06-01T00:00:00Z"));
    const state = createEmulatorState({ now: clock.now });
    const shop = requireShop(state, DEMO_SHOP);
    const discount = createCodeDiscount(
      state,
      shop,
      discountInput({
        usageLimit: null,
        appliesOncePerCustomer: true,
        endsAt: "2026-07-01T00:00:00.000Z",
      }),
    );
    const added = addRedeemCode(state, shop, discount.id, "LOYAL", null);
    if (!("redeemCode" in added)) throw new Error("code not added");
    expect(recordCodeUsage(state, shop, added.redeemCode.id, null, "Guest@Example.com").ok).toBe(
      true,
    );
    expect(checkCodeRedeemable(state, shop, "LOYAL", null, "guest@example.com")).toMatchObject({
      ok: false,
      reason: "ONCE_PER_CUSTOMER",
    });
    expect(checkCodeRedeemable(state, shop, "LOYAL", null, null)).toMatchObject({
      ok: false,
      reason: "CUSTOMER_REQUIRED",
    });
    clock.set(Date.parse("2026-07-01T00:00:00Z"));
    expect(checkCodeRedeemable(state, shop, "LOYAL", null, "new@example.com")).toMatchObject({
      ok: false,
      reason: "EXPIRED",
    });
  });

  it("creates orders with totals, customer stats and an event", () => {
    const state = createEmulatorState();
    const shop = requireShop(state, DEMO_SHOP);
    const events: StoreEvent[] = [];
    onStoreEvent(state, (e) => events.push(e));
    const customer = [...shop.customers.values()][0];
    const order = createOrder(state, shop, {
      customerId: customer?.id ?? null,
      lineItems: [
        {
          productId: null,
          variantId: null,
          title: "A",
          quantity: 3,
          unitPriceCents: 1000,
          discountAllocations: [{ amountCents: 300, discountApplicationIndex: 0 }],
        },
      ],
      shippingCents: 500,
    });
    expect(order).toMatchObject({
      name: "#1003",
      subtotalCents: 2700,
      totalDiscountsCents: 300,
      totalCents: 3200,
      financialStatus: "paid",
    });
    expect(customer).toMatchObject({ numberOfOrders: 1, amountSpentCents: 3200 });
    expect(events).toEqual([{ type: "order/created", shop: DEMO_SHOP, order }]);
  });

  it("revokes tokens on uninstall and resets in place", () => {
    const state = createEmulatorState();
    const token = installApp(state, DEMO_SHOP, "onecode-demo-api-key", ["write_discounts"]);
    expect(
      installApp(state, DEMO_SHOP, "onecode-demo-api-key", ["write_discounts", "read_orders"]),
    ).toBe(token);
    expect(authenticateAccessToken(state, DEMO_SHOP, token)?.installation.scopes).toEqual([
      "write_discounts",
      "read_orders",
    ]);
    expect(uninstallApp(state, DEMO_SHOP, "onecode-demo-api-key")).toBe(true);
    expect(authenticateAccessToken(state, DEMO_SHOP, token)).toBeNull();
    const shopBefore = requireShop(state, DEMO_SHOP);
    createCodeDiscount(state, shopBefore, discountInput());
    resetEmulatorState(state);
    expect(requireShop(state, DEMO_SHOP).discounts.size).toBe(0);
    expect([...requireShop(state, DEMO_SHOP).products.keys()][0]).toBe(
      [...shopBefore.products.keys()][0],
    );
  });

  it("reads the app and its functions from the toml files", () => {
    const app = loadAppRegistration({
      appConfigPath: fileURLToPath(new URL("./fixtures/shopify.app.toml", import.meta.url)),
      env: { SHOPIFY_API_SECRET: "s3cret", SHOPIFY_APP_URL: "https://tunnel.example" },
    });
    expect(app).toMatchObject({
      apiKey: "fixture-api-key",
      apiSecret: "s3cret",
      title: "Fixture app",
      applicationUrl: "https://tunnel.example",
      scopes: ["write_discounts", "read_orders"],
      redirectUrls: ["http://localhost:3999/auth/callback"],
      webhooks: [
        { topics: ["orders/create", "orders/paid"], complianceTopics: [], uri: "/webhooks/orders" },
        { topics: [], complianceTopics: ["customers/redact"], uri: "/webhooks/compliance" },
      ],
    });
    expect(app.functions.map((f) => [f.handle, f.apiType])).toEqual([
      ["test-cart-transform", "cart_transform"],
      ["test-discount", "discount"],
    ]);
    expect(app.functions[1]?.inputQuery).toContain("query CartInput");
  });
});
