// Property tests for the money: whatever the cart and the reward, the discount is a whole
// number of the currency's minor unit, never negative, never more than what it applies to,
// never more than the cap, and a tiered reward gives its best qualifying tier.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CartLinesInput } from "../generated/api";
import { run as runLines } from "./cart_lines_discounts_generate_run";
import { run as runDelivery } from "./cart_delivery_options_discounts_generate_run";
import { prepareCart as prepare, type PreparedCart } from "./cart";
import { minorDigits } from "@onecode/checkout-rules/currency";
import { fromMinor } from "./money";
import { planLines, type LinePlan } from "./reward";

const product = (n: number) => `gid://shopify/Product/${n}`;
const money = fc.integer({ min: 1, max: 50_000 }).map((cents) => (cents / 100).toFixed(2));
const value = fc.oneof(
  fc.record({ percent: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ amount: money }),
);
const target = fc.constantFrom("order", "eligible");
const cap = fc.option(money, { nil: null });
const reward = fc.oneof(
  fc.record({ kind: fc.constant("amount"), target, value, cap }),
  fc.record({
    kind: fc.constant("tiered"),
    target,
    tiers: fc.array(fc.record({ from: money, value }), { minLength: 1, maxLength: 5 }),
    cap,
  }),
  fc.record({
    kind: fc.constant("bxgy"),
    buy: fc.integer({ min: 1, max: 4 }),
    get: fc.integer({ min: 1, max: 3 }),
    getProductIds: fc.subarray([product(1), product(2)]),
    percent: fc.integer({ min: 1, max: 100 }),
    maxUses: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    cap,
  }),
  fc.record({
    kind: fc.constant("bundle"),
    items: fc.constant([
      { productId: product(1), quantity: 1 },
      { productId: product(3), quantity: 2 },
    ]),
    value,
    maxUses: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    cap,
  }),
);
const currency = fc.constantFrom("USD", "JPY", "KWD", "EUR");
const line = fc.record({
  quantity: fc.integer({ min: 1, max: 12 }),
  unitMinor: fc.integer({ min: 0, max: 200_000 }),
  productN: fc.integer({ min: 1, max: 5 }),
  inIncluded: fc.boolean(),
  inExcluded: fc.boolean(),
});
const scenario = fc.record({
  currency,
  rate: fc.constantFrom("1.0", "0.73", "1.5", "150.3"),
  lines: fc.array(line, { maxLength: 25 }),
  reward,
  includeProductIds: fc.subarray([product(1), product(2), product(4)]),
  excludeProductIds: fc.subarray([product(2), product(5)]),
  includeCollectionIds: fc.constantFrom([], ["gid://shopify/Collection/1"]),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function inputOf(s: Scenario, rewardOverride?: unknown): CartLinesInput {
  const digits = minorDigits(s.currency);
  return {
    triggeringDiscountCode: "CODE",
    presentmentCurrencyRate: s.rate,
    discount: {
      discountClasses: ["ORDER", "PRODUCT"],
      metafield: {
        jsonValue: {
          v: 1,
          campaignId: "cmp",
          includeProductIds: s.includeProductIds,
          excludeProductIds: s.excludeProductIds,
          includeCollectionIds: s.includeCollectionIds,
          reward: rewardOverride ?? s.reward,
        },
      },
    },
    cart: {
      buyerIdentity: null,
      lines: s.lines.map((l, i) => ({
        id: `gid://shopify/CartLine/${i}`,
        quantity: l.quantity,
        cost: {
          subtotalAmount: {
            amount: fromMinor(l.unitMinor * l.quantity, digits),
            currencyCode: s.currency,
          },
        },
        merchandise: {
          product: { id: product(l.productN), inIncluded: l.inIncluded, inExcluded: l.inExcluded },
        },
      })),
    },
  } as unknown as CartLinesInput;
}

function prepareCart(input: CartLinesInput): PreparedCart | null {
  const prepared = prepare(input);
  return prepared.ok ? prepared.cart : null;
}

// What the plan applies to: the eligible subtotal for the order, the targeted units for lines.
function baseOf(cart: PreparedCart, plan: LinePlan): number {
  if (plan.on === "order") return cart.eligibleSubtotal;
  let base = 0;
  for (const t of plan.targets) {
    const l = cart.lines.find((candidate) => candidate.id === t.id)!;
    base += t.quantity === undefined ? l.subtotal : halfUp(l.subtotal * t.quantity, l.quantity);
  }
  return base;
}

// Exact integer arithmetic, independent of the function's own rounding helpers.
function halfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

// A shop-currency amount ("12.34") in minor units of the cart's currency at the scenario's rate.
function converted(shopAmount: string, s: Scenario, digits: number): number {
  const cents = Math.round(Number(shopAmount) * 100);
  const rateMilli = Math.round(Number(s.rate) * 1000);
  return halfUp(cents * rateMilli * 10 ** digits, 100_000);
}

function capOf(s: Scenario, cart: PreparedCart): number | null {
  const c = (s.reward as { cap?: string | null }).cap;
  return c ? converted(c, s, cart.digits) : null;
}

describe("reward money", () => {
  it("is whole minor units, never negative, never above its base or its cap", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const cart = prepareCart(inputOf(s));
        const plan = cart && planLines(cart);
        if (!cart || !plan) return;
        expect(Number.isInteger(plan.amount)).toBe(true);
        expect(plan.amount).toBeGreaterThan(0);
        expect(plan.amount).toBeLessThanOrEqual(baseOf(cart, plan));
        const capMinor = capOf(s, cart);
        if (capMinor !== null) expect(plan.amount).toBeLessThanOrEqual(capMinor);
        if ("fixed" in plan.value) {
          expect(plan.value.fixed).toBe(plan.amount);
          const text = fromMinor(plan.value.fixed, cart.digits);
          expect(text).toMatch(
            cart.digits === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${cart.digits}}$`),
          );
          expect(Math.round(Number(text) * 10 ** cart.digits)).toBe(plan.amount);
        }
        // A targeted line is one the reward may touch: never an excluded one.
        if (plan.on === "lines") {
          for (const t of plan.targets)
            expect(cart.lines.find((l) => l.id === t.id)?.excluded).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("gives the best qualifying tier", () => {
    const tiered = scenario.filter((s) => s.reward.kind === "tiered");
    fc.assert(
      fc.property(tiered, (s) => {
        const reward = s.reward as {
          target: string;
          tiers: { from: string; value: unknown }[];
          cap: string | null;
        };
        const cart = prepareCart(inputOf(s));
        if (!cart) return;
        const chosen = planLines(cart)?.amount ?? 0;
        let best = 0;
        for (const tier of reward.tiers) {
          if (converted(tier.from, s, cart.digits) > cart.eligibleSubtotal) continue;
          const single = {
            kind: "amount",
            target: reward.target,
            value: tier.value,
            cap: reward.cap,
          };
          const alone = prepareCart(inputOf(s, single));
          best = Math.max(best, (alone && planLines(alone)?.amount) ?? 0);
        }
        expect(chosen).toBe(best);
      }),
      { numRuns: 500 },
    );
  });
});

describe("odd input", () => {
  it("never throws on anything at all", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(() => runLines(input as CartLinesInput)).not.toThrow();
        expect(() => runDelivery(input as never)).not.toThrow();
      }),
    );
  });

  it("never throws on a well-formed cart with junk in its fields", () => {
    const junk = fc.oneof(fc.anything(), fc.constant(null), fc.constant(undefined));
    fc.assert(
      fc.property(scenario, junk, junk, junk, (s, a, b, c) => {
        const input = inputOf(s) as unknown as Record<string, unknown> & {
          cart: Record<string, unknown>;
        };
        input.presentmentCurrencyRate = a;
        input.cart.buyerIdentity = { customer: b };
        (input.cart.lines as unknown[]).push(c);
        expect(() => runLines(input as unknown as CartLinesInput)).not.toThrow();
      }),
    );
  });

  it("handles a 200-line cart", () => {
    const s: Scenario = fc.sample(scenario, 1)[0]!;
    const lines = Array.from({ length: 200 }, (_, i) => ({
      quantity: 1 + (i % 3),
      unitMinor: 1000 + i,
      productN: 1 + (i % 5),
      inIncluded: i % 2 === 0,
      inExcluded: false,
    }));
    const result = runLines(
      inputOf({
        ...s,
        lines,
        excludeProductIds: [],
        reward: { kind: "amount", target: "eligible", value: { percent: 10 }, cap: null },
      }),
    );
    expect(result.operations).toHaveLength(1);
  });
});
