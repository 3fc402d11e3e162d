// Test setup shared by the checkout's tests: the demo shop with the app installed, webhooks held
// (first attempts far in the future, so nothing is sent during a test), and campaigns made the
// way the app makes them: an app discount backed by the onecode-discount function, its rules in
// the `$app` / `rules` metafield (serialised by @onecode/checkout-rules/rules) and its redeem codes; and
// the shop's code-rejection automatic discount as app/push/rejection-discount.server.ts makes it,
// its index built by the app's own builder.
import { buildRejectionIndex } from "../../app/campaigns/rejection-index-build";
import { discountClassesFor, serializeRules } from "@onecode/checkout-rules/rules";
import { findCustomerByEmail } from "../store/catalog";
import { addRedeemCode } from "../store/codes";
import { createAutomaticDiscount, createCodeDiscount } from "../store/discounts";
import { resolveNamespace, setMetafield } from "../store/metafields";
import { installApp, requireShop } from "../store/shops";
import { createEmulatorState } from "../store/state";
import type { CodeDiscount, Customer, Product } from "../store/types";
import { webhookServiceOf } from "../webhooks/registry";

export function testShop() {
  const state = createEmulatorState({ now: () => Date.parse("2026-05-01T12:00:00Z") });
  const shop = requireShop(state, "onecode-demo.myshopify.com");
  const app = [...state.apps.values()][0]!;
  installApp(state, shop.domain, app.apiKey, app.scopes);
  const webhooks = webhookServiceOf(state);
  webhooks.switches.delayMs = 24 * 3_600_000;
  const fn = app.functions.find((f) => f.handle === "onecode-discount");
  if (!fn) throw new Error("The app registration lists no onecode-discount function.");

  const product = (title: string): Product =>
    [...shop.products.values()].find((p) => p.title === title)!;
  const customer = (email: string): Customer => findCustomerByEmail(shop, email)!;

  function campaign(
    rules: Record<string, unknown>,
    codes: string[],
    options: Partial<CodeDiscount> = {},
  ) {
    const serialized = serializeRules({ v: 1, campaignId: "cmp_test", ...rules });
    if (!serialized.ok) throw new Error(JSON.stringify(serialized.errors));
    const discount = createCodeDiscount(state, shop, {
      kind: "app",
      title: "Test campaign",
      startsAt: "2026-01-01T00:00:00Z",
      endsAt: null,
      usageLimit: 1,
      appliesOncePerCustomer: false,
      combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: false },
      discountClasses: discountClassesFor(serialized.rules),
      tags: [],
      functionId: fn!.id,
      appApiKey: app.apiKey,
      appliesOnOneTimePurchase: true,
      appliesOnSubscription: false,
      recurringCycleLimit: null,
      basic: null,
      customerIds: null,
      ...options,
    });
    setMetafield(state, shop, {
      ownerId: discount.id,
      namespace: resolveNamespace("$app", app.id),
      key: "rules",
      type: "json",
      value: serialized.json,
    });
    for (const code of codes) {
      const added = addRedeemCode(state, shop, discount.id, code, app.apiKey);
      if ("error" in added) throw new Error(added.error.message);
    }
    return discount;
  }

  /**
   * The automatic discount whose run rejects entered codes, for campaigns given by their rules
   * (as passed to `campaign`) and code pattern ('#' for a character of `alphabet`).
   */
  function rejectionDiscount(
    campaigns: {
      rules: Record<string, unknown>;
      pattern: string;
      alphabet?: string;
      bound?: boolean;
    }[],
  ) {
    const built = buildRejectionIndex(
      campaigns.map((c) => {
        const serialized = serializeRules({ v: 1, campaignId: "cmp_test", ...c.rules });
        if (!serialized.ok) throw new Error(JSON.stringify(serialized.errors));
        return {
          rules: serialized.rules,
          pattern: c.pattern,
          alphabet: c.alphabet ?? "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
          bound: c.bound ?? serialized.rules.boundKey !== null,
        };
      }),
    );
    const discount = createAutomaticDiscount(state, shop, {
      kind: "app",
      title: "OneCode: tells shoppers why a code was refused",
      startsAt: "2026-01-01T00:00:00Z",
      endsAt: null,
      usageLimit: null,
      appliesOncePerCustomer: false,
      combinesWith: { productDiscounts: true, orderDiscounts: true, shippingDiscounts: true },
      discountClasses: ["ORDER"],
      tags: [],
      functionId: fn!.id,
      appApiKey: app.apiKey,
      appliesOnOneTimePurchase: true,
      appliesOnSubscription: false,
      recurringCycleLimit: null,
      basic: null,
      customerIds: null,
    });
    setMetafield(state, shop, {
      ownerId: discount.id,
      namespace: resolveNamespace("$app", app.id),
      key: "rules",
      type: "json",
      value: built.json,
    });
    return discount;
  }

  const line = (title: string, quantity = 1) => ({
    variantId: product(title).variants[0]!.id,
    quantity,
  });

  return { state, shop, app, webhooks, product, customer, campaign, rejectionDiscount, line };
}
