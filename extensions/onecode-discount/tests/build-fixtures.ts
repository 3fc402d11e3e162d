// Writes tests/fixtures/*.json in Shopify's fixture form ({ payload: { export, target, input,
// output } }, as `shopify app function replay` logs them and the test helpers' loadFixture
// reads them). Each case states its expected output by hand: the fixtures are the
// specification the function is tested against, never a recording of what it returned.
// Run after changing a case: npx tsx extensions/onecode-discount/tests/build-fixtures.ts
//
// A campaign's code discount never rejects its code (only a function backed by an automatic
// discount may, docs/decisions/024): every case below whose shopper is told why is written
// twice, the campaign discount's run giving no operation, and `auto-<case>` for the shop's
// code-rejection automatic discount, whose run rejects the code with the message.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { bindCode } from "@onecode/checkout-rules/bound-code";

const DIR = fileURLToPath(new URL("./fixtures/", import.meta.url));
const LINES = {
  export: "cart-lines-discounts-generate-run",
  target: "cart.lines.discounts.generate.run",
};
const DELIVERY = {
  export: "cart-delivery-options-discounts-generate-run",
  target: "cart.delivery-options.discounts.generate.run",
};

export const BOUND_KEY = "4f6e65436f6465206669787475726520626f756e64206b6579202d2d20763121";
const BOUND_CODE = bindCode(BOUND_KEY, "SPRING-7KQ2-M9XD", "gid://shopify/Customer/1001") ?? "";

type Json = Record<string, unknown>;
const cl = (n: number) => `gid://shopify/CartLine/${n}`;
const product = (n: number) => `gid://shopify/Product/${n}`;
const collection = (n: number) => `gid://shopify/Collection/${n}`;

function rules(overrides: Json = {}): Json {
  const doc: Json = {
    v: 1,
    campaignId: "cmp_spring",
    includeProductIds: [],
    excludeProductIds: [],
    includeCollectionIds: [],
    excludeCollectionIds: [],
    requiredCustomerTags: [],
    excludedCustomerTags: [],
    minSubtotal: null,
    firstOrderOnly: false,
    oncePerCustomer: false,
    boundKey: null,
    reward: { kind: "amount", target: "order", value: { percent: 10 } },
    ...overrides,
  };
  // As the app writes it: the input query's $customerTags, required then excluded.
  doc.customerTags = [
    ...(doc.requiredCustomerTags as string[]),
    ...(doc.excludedCustomerTags as string[]),
  ];
  return doc;
}

interface LineSpec {
  n: number;
  qty: number;
  amount: string;
  productN?: number;
  inIncluded?: boolean;
  inExcluded?: boolean;
  custom?: boolean;
}

// The base cart: 2 × 20.00 (product 101) + 1 × 60.00 (102) + 3 × 5.00 (103) = 115.00 USD.
const BASE_LINES: LineSpec[] = [
  { n: 1, qty: 2, amount: "40.0", productN: 101 },
  { n: 2, qty: 1, amount: "60.0", productN: 102 },
  { n: 3, qty: 3, amount: "15.0", productN: 103 },
];

interface InputSpec {
  rules?: Json | null | string;
  lines?: LineSpec[];
  customer?: Json | null;
  code?: string | null;
  rate?: string;
  currency?: string;
  delivery?: boolean;
  deliveryGroups?: string[];
  /** Localization.language.isoCode; English by default. */
  language?: string;
  /** Input.enteredDiscountCodes; the triggering code, rejectable, by default. */
  entered?: { code: string; rejectable: boolean }[];
}

// `tagged`: the customer's tags, turned into the `hasTags` answers for the rules' customerTags.
const CUSTOMER = {
  id: "gid://shopify/Customer/1001",
  numberOfOrders: 2,
  tagged: [] as string[],
  redeemed: null as Json | null,
};

function input(spec: InputSpec): Json {
  const currency = spec.currency ?? "USD";
  const lines = (spec.lines ?? BASE_LINES).map((line) => ({
    id: cl(line.n),
    // The delivery target's query reads no quantities.
    ...(spec.delivery ? {} : { quantity: line.qty }),
    cost: { subtotalAmount: { amount: line.amount, currencyCode: currency } },
    merchandise: line.custom
      ? {}
      : {
          product: {
            id: product(line.productN ?? 100 + line.n),
            inIncluded: line.inIncluded ?? false,
            inExcluded: line.inExcluded ?? false,
          },
        },
  }));
  const rulesValue = spec.rules === undefined ? rules() : spec.rules;
  const cart: Json = {
    buyerIdentity: spec.customer === null ? null : { customer: customerOf(spec, rulesValue) },
    lines,
  };
  if (spec.delivery) {
    cart.deliveryGroups = (spec.deliveryGroups ?? ["gid://shopify/CartDeliveryGroup/1"]).map(
      (id) => ({ id }),
    );
  }
  const code = spec.code === undefined ? "SPRING-7KQ2-M9XD" : spec.code;
  return {
    triggeringDiscountCode: code,
    enteredDiscountCodes: spec.entered ?? (code === null ? [] : [{ code, rejectable: true }]),
    localization: { language: { isoCode: spec.language ?? "EN" } },
    presentmentCurrencyRate: spec.rate ?? "1.0",
    discount: { metafield: rulesValue === null ? null : { jsonValue: rulesValue } },
    cart,
  };
}

// What Shopify answers for `hasTags(tags: $customerTags)`: one entry per tag of the rules'
// customerTags (required, then excluded), in that order.
function customerOf(spec: InputSpec, rulesValue: Json | null | string): Json {
  const { tagged, ...customer } = { ...CUSTOMER, ...spec.customer } as typeof CUSTOMER;
  const doc = typeof rulesValue === "object" && rulesValue !== null ? rulesValue : {};
  const tags = [
    ...((doc.requiredCustomerTags as string[] | undefined) ?? []),
    ...((doc.excludedCustomerTags as string[] | undefined) ?? []),
  ];
  return { ...customer, tags: tags.map((tag) => ({ hasTag: tagged.includes(tag) })) };
}

const none = { operations: [] };

function reject(message: string, code = "SPRING-7KQ2-M9XD"): Json {
  return { operations: [{ enteredDiscountCodesReject: { codes: [{ code }], message } }] };
}

const SIGN_IN = reject("Sign in to your account to use this code.");
const NOT_ELIGIBLE = reject("None of the products in your cart qualify for this code.");
const TAG = reject("This code is not available for your account.");

function order(value: Json, excluded: number[] = [], message = "10% off"): Json {
  return {
    operations: [
      {
        orderDiscountsAdd: {
          candidates: [
            {
              message,
              targets: [{ orderSubtotal: { excludedCartLineIds: excluded.map(cl) } }],
              value,
            },
          ],
          selectionStrategy: "FIRST",
        },
      },
    ],
  };
}

function lines(targets: Json[], value: Json, message: string): Json {
  return {
    operations: [
      {
        productDiscountsAdd: {
          candidates: [{ message, targets: targets.map((cartLine) => ({ cartLine })), value }],
          selectionStrategy: "FIRST",
        },
      },
    ],
  };
}

const pct = (value: number) => ({ percentage: { value } });
const fixedOrder = (amount: string) => ({ fixedAmount: { amount } });
const fixedLines = (amount: string) => ({ fixedAmount: { amount, appliesToEachItem: false } });
const tenPercent = order(pct(10));
const freeShipping = {
  operations: [
    {
      deliveryDiscountsAdd: {
        candidates: [
          {
            message: "Free shipping",
            targets: [{ deliveryGroup: { id: "gid://shopify/CartDeliveryGroup/1" } }],
            value: pct(100),
          },
        ],
        selectionStrategy: "ALL",
      },
    },
  ],
};

const guest = null;
const shipRules = rules({ reward: { kind: "freeShipping" } });

// name → [target, input, expected output]
const CASES: Record<string, [typeof LINES, Json, Json]> = {
  // Reading the rules
  "rules-percent-order-applies": [LINES, input({}), tenPercent],
  "rules-missing-metafield-none": [LINES, input({ rules: null }), none],
  "rules-unknown-version-none": [LINES, input({ rules: { ...rules(), v: 2 } }), none],
  "rules-malformed-metafield-none": [LINES, input({ rules: "10% off everything" }), none],
  "rules-invalid-reward-none": [
    LINES,
    input({ rules: rules({ reward: { kind: "amount", target: "order" } }) }),
    none,
  ],

  // Minimum subtotal (shop currency, converted at presentmentCurrencyRate)
  "min-subtotal-met": [
    LINES,
    input({ rules: rules({ minSubtotal: { amount: "115", eligibleOnly: false } }) }),
    tenPercent,
  ],
  "min-subtotal-not-met-rejected": [
    LINES,
    input({ rules: rules({ minSubtotal: { amount: "115.01", eligibleOnly: false } }) }),
    reject("Add 0.01 USD more to use this code."),
  ],
  "min-subtotal-eligible-only-met": [
    LINES,
    input({
      rules: rules({
        excludeProductIds: [product(102)],
        minSubtotal: { amount: "55", eligibleOnly: true },
      }),
    }),
    order(pct(10), [2]),
  ],
  "min-subtotal-eligible-only-not-met-rejected": [
    LINES,
    input({
      rules: rules({
        excludeProductIds: [product(102)],
        minSubtotal: { amount: "100", eligibleOnly: true },
      }),
    }),
    reject("Add 45.00 USD more to use this code."),
  ],
  "min-subtotal-converted-not-met-rejected": [
    LINES,
    input({
      rules: rules({ minSubtotal: { amount: "80", eligibleOnly: false } }),
      rate: "1.5",
      currency: "EUR",
    }),
    reject("Add 5.00 EUR more to use this code."),
  ],

  // Product and collection lists
  "include-products-applies": [
    LINES,
    input({
      rules: rules({
        includeProductIds: [product(101)],
        reward: { kind: "amount", target: "eligible", value: { percent: 20 } },
      }),
    }),
    lines([{ id: cl(1) }], pct(20), "20% off"),
  ],
  "include-products-absent-rejected": [
    LINES,
    input({ rules: rules({ includeProductIds: [product(999)] }) }),
    NOT_ELIGIBLE,
  ],
  "exclude-products-applies": [
    LINES,
    input({ rules: rules({ excludeProductIds: [product(102)] }) }),
    order(pct(10), [2]),
  ],
  "exclude-products-all-rejected": [
    LINES,
    input({ rules: rules({ excludeProductIds: [product(101), product(102), product(103)] }) }),
    NOT_ELIGIBLE,
  ],
  "include-collection-applies": [
    LINES,
    input({
      rules: rules({
        includeCollectionIds: [collection(7)],
        reward: { kind: "amount", target: "eligible", value: { percent: 15 } },
      }),
      lines: [BASE_LINES[0]!, BASE_LINES[1]!, { ...BASE_LINES[2]!, inIncluded: true }],
    }),
    lines([{ id: cl(3) }], pct(15), "15% off"),
  ],
  "include-collection-absent-rejected": [
    LINES,
    input({ rules: rules({ includeCollectionIds: [collection(7)] }) }),
    NOT_ELIGIBLE,
  ],
  "exclude-collection-applies": [
    LINES,
    input({
      rules: rules({ excludeCollectionIds: [collection(8)] }),
      lines: [{ ...BASE_LINES[0]!, inExcluded: true }, BASE_LINES[1]!, BASE_LINES[2]!],
    }),
    order(pct(10), [1]),
  ],
  "exclude-collection-all-rejected": [
    LINES,
    input({
      rules: rules({ excludeCollectionIds: [collection(8)] }),
      lines: BASE_LINES.map((line) => ({ ...line, inExcluded: true })),
    }),
    NOT_ELIGIBLE,
  ],

  // Customer rules
  "customer-required-tag-applies": [
    LINES,
    input({
      rules: rules({ requiredCustomerTags: ["VIP"] }),
      customer: { tagged: ["VIP"] },
    }),
    tenPercent,
  ],
  "customer-required-tag-missing-rejected": [
    LINES,
    input({ rules: rules({ requiredCustomerTags: ["VIP"] }) }),
    TAG,
  ],
  "customer-required-tag-guest-rejected": [
    LINES,
    input({ rules: rules({ requiredCustomerTags: ["VIP"] }), customer: guest }),
    SIGN_IN,
  ],
  "customer-excluded-tag-absent-applies": [
    LINES,
    input({ rules: rules({ excludedCustomerTags: ["staff"] }) }),
    tenPercent,
  ],
  "customer-excluded-tag-present-rejected": [
    LINES,
    input({
      rules: rules({ excludedCustomerTags: ["staff"] }),
      customer: { tagged: ["staff"] },
    }),
    TAG,
  ],
  "first-order-applies": [
    LINES,
    input({ rules: rules({ firstOrderOnly: true }), customer: { numberOfOrders: 0 } }),
    tenPercent,
  ],
  "first-order-returning-customer-rejected": [
    LINES,
    input({ rules: rules({ firstOrderOnly: true }) }),
    reject("This code is for a first order only."),
  ],
  "first-order-guest-rejected": [
    LINES,
    input({ rules: rules({ firstOrderOnly: true }), customer: guest }),
    SIGN_IN,
  ],
  "once-per-customer-other-campaign-applies": [
    LINES,
    input({
      rules: rules({ oncePerCustomer: true }),
      customer: { redeemed: { jsonValue: ["cmp_autumn"] } },
    }),
    tenPercent,
  ],
  "once-per-customer-already-redeemed-rejected": [
    LINES,
    input({
      rules: rules({ oncePerCustomer: true }),
      customer: { redeemed: { jsonValue: ["cmp_autumn", "cmp_spring"] } },
    }),
    reject("Your account has already used a code from this offer."),
  ],
  "once-per-customer-guest-rejected": [
    LINES,
    input({ rules: rules({ oncePerCustomer: true }), customer: guest }),
    SIGN_IN,
  ],
  "bound-code-own-customer-applies": [
    LINES,
    input({ rules: rules({ boundKey: BOUND_KEY }), code: BOUND_CODE }),
    tenPercent,
  ],
  "bound-code-lower-case-applies": [
    LINES,
    input({ rules: rules({ boundKey: BOUND_KEY }), code: BOUND_CODE.toLowerCase() }),
    tenPercent,
  ],
  "bound-code-other-customer-rejected": [
    LINES,
    input({
      rules: rules({ boundKey: BOUND_KEY }),
      code: BOUND_CODE,
      customer: { id: "gid://shopify/Customer/1002" },
    }),
    reject("This code belongs to another account.", BOUND_CODE),
  ],
  "bound-code-guest-rejected": [
    LINES,
    input({ rules: rules({ boundKey: BOUND_KEY }), code: BOUND_CODE, customer: guest }),
    reject("Sign in to your account to use this code.", BOUND_CODE),
  ],
  "bound-code-untagged-code-rejected": [
    LINES,
    input({ rules: rules({ boundKey: BOUND_KEY }), code: "SPRING-7KQ2-M9XD" }),
    reject("This code belongs to another account."),
  ],

  // Rewards
  "reward-fixed-order-applies": [
    LINES,
    input({
      rules: rules({ reward: { kind: "amount", target: "order", value: { amount: "15" } } }),
    }),
    order(fixedOrder("15.00"), [], "15.00 off"),
  ],
  "reward-fixed-order-larger-than-cart-clamped": [
    LINES,
    input({
      rules: rules({ reward: { kind: "amount", target: "order", value: { amount: "500" } } }),
    }),
    order(fixedOrder("115.00"), [], "115.00 off"),
  ],
  "reward-fixed-eligible-clamped-to-lines": [
    LINES,
    input({
      rules: rules({
        includeProductIds: [product(103)],
        reward: { kind: "amount", target: "eligible", value: { amount: "20" } },
      }),
    }),
    lines([{ id: cl(3) }], fixedLines("15.00"), "15.00 off"),
  ],
  "reward-fixed-presentment-rate-applies": [
    LINES,
    input({
      rules: rules({ reward: { kind: "amount", target: "order", value: { amount: "10" } } }),
      rate: "1.5",
      currency: "EUR",
    }),
    order(fixedOrder("15.00"), [], "15.00 off"),
  ],
  "reward-fixed-zero-decimal-currency-rounded": [
    LINES,
    input({
      rules: rules({ reward: { kind: "amount", target: "order", value: { amount: "10.5" } } }),
      rate: "150.3",
      currency: "JPY",
      lines: [{ n: 1, qty: 1, amount: "9000.0", productN: 101 }],
    }),
    order(fixedOrder("1578"), [], "1578 off"),
  ],
  "reward-cap-binding-becomes-fixed": [
    LINES,
    input({
      rules: rules({
        reward: { kind: "amount", target: "order", value: { percent: 50 }, cap: "20" },
      }),
    }),
    order(fixedOrder("20.00"), [], "20.00 off"),
  ],
  "reward-cap-not-binding-keeps-percent": [
    LINES,
    input({
      rules: rules({
        reward: { kind: "amount", target: "order", value: { percent: 50 }, cap: "100" },
      }),
    }),
    order(pct(50), [], "50% off"),
  ],
  "reward-tiered-middle-tier-applies": [
    LINES,
    input({
      rules: rules({
        reward: {
          kind: "tiered",
          target: "order",
          tiers: [
            { from: "50", value: { percent: 5 } },
            { from: "100", value: { percent: 10 } },
            { from: "200", value: { percent: 20 } },
          ],
        },
      }),
    }),
    tenPercent,
  ],
  "reward-tiered-best-is-not-highest-threshold": [
    LINES,
    input({
      rules: rules({
        reward: {
          kind: "tiered",
          target: "order",
          tiers: [
            { from: "50", value: { amount: "20" } },
            { from: "100", value: { percent: 10 } },
          ],
        },
      }),
    }),
    order(fixedOrder("20.00"), [], "20.00 off"),
  ],
  "reward-tiered-no-tier-reached-rejected": [
    LINES,
    input({
      rules: rules({
        reward: {
          kind: "tiered",
          target: "order",
          tiers: [{ from: "200", value: { percent: 20 } }],
        },
      }),
    }),
    reject("Add 85.00 USD more to use this code."),
  ],
  "reward-bxgy-cheapest-units-free": [
    LINES,
    input({
      rules: rules({ reward: { kind: "bxgy", buy: 2, get: 1, getProductIds: [], percent: 100 } }),
    }),
    lines([{ id: cl(3), quantity: 2 }], pct(100), "100% off"),
  ],
  "reward-bxgy-too-few-units-none": [
    LINES,
    input({
      rules: rules({ reward: { kind: "bxgy", buy: 5, get: 2, getProductIds: [], percent: 100 } }),
    }),
    none,
  ],
  "reward-bxgy-get-products-max-uses": [
    LINES,
    input({
      rules: rules({
        reward: {
          kind: "bxgy",
          buy: 1,
          get: 1,
          getProductIds: [product(103)],
          percent: 50,
          maxUses: 2,
        },
      }),
    }),
    lines([{ id: cl(3), quantity: 2 }], pct(50), "50% off"),
  ],
  "reward-bundle-percent-applies": [
    LINES,
    input({
      rules: rules({
        reward: {
          kind: "bundle",
          items: [
            { productId: product(101), quantity: 1 },
            { productId: product(102), quantity: 1 },
          ],
          value: { percent: 20 },
        },
      }),
    }),
    lines([{ id: cl(1), quantity: 1 }, { id: cl(2) }], pct(20), "20% off"),
  ],
  "reward-bundle-amount-per-bundle": [
    LINES,
    input({
      rules: rules({
        reward: {
          kind: "bundle",
          items: [
            { productId: product(101), quantity: 1 },
            { productId: product(103), quantity: 1 },
          ],
          value: { amount: "3" },
        },
      }),
    }),
    lines([{ id: cl(1) }, { id: cl(3), quantity: 2 }], fixedLines("6.00"), "6.00 off"),
  ],
  "reward-bundle-incomplete-rejected": [
    LINES,
    input({
      rules: rules({
        reward: {
          kind: "bundle",
          items: [
            { productId: product(101), quantity: 1 },
            { productId: product(104), quantity: 1 },
          ],
          value: { percent: 20 },
        },
      }),
    }),
    reject("Add every product of the bundle to use this code."),
  ],
  "reward-free-shipping-on-lines-target-none": [LINES, input({ rules: shipRules }), none],

  // Odd carts
  "cart-empty-none": [LINES, input({ lines: [] }), none],
  "cart-zero-prices-rejected": [
    LINES,
    input({ lines: BASE_LINES.map((line) => ({ ...line, amount: "0.0" })) }),
    NOT_ELIGIBLE,
  ],
  "cart-custom-product-only-rejected": [
    LINES,
    input({ lines: [{ n: 1, qty: 1, amount: "10.0", custom: true }] }),
    NOT_ELIGIBLE,
  ],
  "cart-guest-without-customer-rules-applies": [LINES, input({ customer: guest }), tenPercent],

  // Free shipping (delivery target)
  "delivery-free-shipping-applies": [
    DELIVERY,
    input({ rules: shipRules, delivery: true }),
    freeShipping,
  ],
  "delivery-not-a-shipping-reward-none": [DELIVERY, input({ delivery: true }), none],
  "delivery-min-subtotal-not-met-rejected": [
    DELIVERY,
    input({
      rules: { ...shipRules, minSubtotal: { amount: "150", eligibleOnly: false } },
      delivery: true,
    }),
    reject("Add 35.00 USD more to use this code."),
  ],
  "delivery-no-delivery-groups-none": [
    DELIVERY,
    input({ rules: shipRules, delivery: true, deliveryGroups: [] }),
    none,
  ],
  "delivery-bound-code-other-customer-rejected": [
    DELIVERY,
    input({
      rules: { ...shipRules, boundKey: BOUND_KEY },
      delivery: true,
      code: BOUND_CODE,
      customer: { id: "gid://shopify/Customer/1002" },
    }),
    reject("This code belongs to another account.", BOUND_CODE),
  ],
  "delivery-bound-code-own-customer-applies": [
    DELIVERY,
    input({
      rules: { ...shipRules, boundKey: BOUND_KEY },
      delivery: true,
      code: BOUND_CODE,
    }),
    freeShipping,
  ],

  // What the shopper is told: the buyer's language, the merchant's wording, and only a code
  // Shopify lets the function reject.
  "reject-french-shopper-localized": [
    LINES,
    input({
      rules: rules({ minSubtotal: { amount: "80", eligibleOnly: false } }),
      rate: "1.5",
      currency: "EUR",
      language: "FR",
    }),
    reject("Ajoutez encore 5,00 EUR pour utiliser ce code."),
  ],
  "reject-unsupported-language-in-english": [
    LINES,
    input({ rules: rules({ oncePerCustomer: true }), customer: guest, language: "JA" }),
    SIGN_IN,
  ],
  "reject-merchant-message-with-amount": [
    LINES,
    input({
      rules: rules({
        minSubtotal: { amount: "150", eligibleOnly: false },
        messages: { minimumSpend: "Spend {amount} more and the tote bag is yours." },
      }),
      language: "DE",
    }),
    reject("Spend 35,00 USD more and the tote bag is yours."),
  ],
  "reject-merchant-message-sign-in": [
    LINES,
    input({
      rules: rules({
        oncePerCustomer: true,
        messages: { signIn: "Log in first: one code per member." },
      }),
      customer: guest,
    }),
    reject("Log in first: one code per member."),
  ],
  "reject-code-not-rejectable-none": [
    LINES,
    input({
      rules: rules({ minSubtotal: { amount: "150", eligibleOnly: false } }),
      entered: [{ code: "SPRING-7KQ2-M9XD", rejectable: false }],
    }),
    none,
  ],
  "reject-only-the-triggering-code": [
    LINES,
    input({
      rules: rules({ minSubtotal: { amount: "150", eligibleOnly: false } }),
      entered: [
        { code: "WELCOME10", rejectable: true },
        { code: "SPRING-7KQ2-M9XD", rejectable: true },
      ],
    }),
    reject("Add 35.00 USD more to use this code."),
  ],
  "include-collection-absent-named-rejected": [
    LINES,
    input({
      rules: rules({ includeCollectionIds: [collection(7)], eligibleNames: ["Summer Tees"] }),
      language: "ES",
    }),
    reject("Este código es para Summer Tees. Añade uno a tu carrito para usarlo."),
  ],
  "reject-zero-decimal-currency-amount": [
    LINES,
    input({
      rules: rules({ minSubtotal: { amount: "100", eligibleOnly: false } }),
      rate: "150.3",
      currency: "JPY",
      lines: [{ n: 1, qty: 1, amount: "9000.0", productN: 101 }],
    }),
    reject("Add 6030 JPY more to use this code."),
  ],
  "reject-code-as-entered": [
    LINES,
    input({
      rules: rules({ minSubtotal: { amount: "150", eligibleOnly: false } }),
      entered: [{ code: "spring-7kq2-m9xd", rejectable: true }],
    }),
    reject("Add 35.00 USD more to use this code.", "spring-7kq2-m9xd"),
  ],
  "reward-bundle-incomplete-named-rejected": [
    LINES,
    input({
      rules: rules({
        reward: {
          kind: "bundle",
          items: [
            { productId: product(101), quantity: 1, name: "Travel Mug" },
            { productId: product(104), quantity: 1, name: "the Gift Box" },
            { productId: product(103), quantity: 5, name: "Candle" },
          ],
          value: { percent: 20 },
        },
      }),
    }),
    reject("Add the Gift Box, 2 × Candle to use this code."),
  ],
};

// The automatic discount's index (@onecode/checkout-rules/rejection-index) for one or more campaigns:
// the spring campaign's codes are SPRING-####-#### (bound ones end with "-" and the tag).
const SPRING_FORMAT = { pattern: "SPRING-####-####", alphabet: "23456789ABCDEFGHJKMNPQRSTUVWXYZ" };

interface IndexSpec {
  rules: Json;
  pattern?: string;
  bound?: boolean;
  exactInclude?: boolean;
  exactExclude?: boolean;
}

function rejectionIndex(campaigns: IndexSpec[]): Json {
  const union = (key: string) => [
    ...new Set(campaigns.flatMap((c) => (c.rules[key] as string[] | undefined) ?? [])),
  ];
  const customerTags = union("customerTags");
  return {
    kind: "codeRejections",
    v: 1,
    includeCollectionIds: union("includeCollectionIds"),
    excludeCollectionIds: union("excludeCollectionIds"),
    customerTags,
    campaigns: campaigns.map((c) => ({
      pattern: c.pattern ?? SPRING_FORMAT.pattern,
      alphabet: SPRING_FORMAT.alphabet,
      bound: c.bound ?? c.rules.boundKey !== null,
      tags: ((c.rules.customerTags as string[] | undefined) ?? []).map((tag) =>
        customerTags.indexOf(tag),
      ),
      exactInclude: c.exactInclude ?? true,
      exactExclude: c.exactExclude ?? true,
      rules: c.rules,
    })),
  };
}

/**
 * The same cart and buyer, as the automatic discount's run sees them: no triggering code, the
 * index as the discount's metafield, and `hasTags` answered for the index's tags (`tagged`: the
 * customer's own tags; one campaign's index asks the same tags as its rules).
 */
function automatic(caseInput: Json, index?: Json, tagged: string[] = []): Json {
  const discount = caseInput.discount as { metafield: { jsonValue: Json } | null };
  const rulesValue = discount.metafield?.jsonValue ?? {};
  const cart = caseInput.cart as { buyerIdentity: { customer: Json } | null };
  const customer = cart.buyerIdentity?.customer;
  const asked = (index?.customerTags as string[] | undefined) ?? null;
  return {
    ...caseInput,
    triggeringDiscountCode: null,
    discount: {
      metafield: { jsonValue: index ?? rejectionIndex([{ rules: rulesValue }]) },
    },
    cart:
      customer && asked
        ? {
            ...cart,
            buyerIdentity: {
              customer: {
                ...customer,
                tags: asked.map((tag) => ({ hasTag: tagged.includes(tag) })),
              },
            },
          }
        : cart,
  };
}

function isRejection(output: Json): boolean {
  const ops = output.operations as Json[];
  return ops.some((op) => "enteredDiscountCodesReject" in op);
}

// Cases only the automatic discount's run has.
const AUTOMATIC_CASES: Record<string, [typeof LINES, Json, Json]> = {
  "auto-rules-pass-none": [LINES, automatic(input({})), none],
  "auto-code-not-rejectable-none": [
    LINES,
    automatic(
      input({
        rules: rules({ minSubtotal: { amount: "150", eligibleOnly: false } }),
        entered: [{ code: "SPRING-7KQ2-M9XD", rejectable: false }],
      }),
    ),
    none,
  ],
  "auto-code-of-no-listed-format-none": [
    LINES,
    automatic(
      input({
        rules: rules({ minSubtotal: { amount: "150", eligibleOnly: false } }),
        entered: [{ code: "IMPORTED-CSV-CODE", rejectable: true }],
      }),
    ),
    none,
  ],
  "auto-two-formats-match-none": [
    LINES,
    automatic(
      input({ rules: rules({ oncePerCustomer: true }), customer: guest }),
      rejectionIndex([
        { rules: rules({ oncePerCustomer: true }) },
        { rules: rules({ campaignId: "cmp_other" }), pattern: "SPRING-####-####" },
      ]),
    ),
    none,
  ],
  "auto-two-campaigns-each-its-reason": [
    LINES,
    automatic(
      input({
        rules: rules({ minSubtotal: { amount: "150", eligibleOnly: false } }),
        entered: [
          { code: "SPRING-7KQ2-M9XD", rejectable: true },
          { code: "VIP-ABCD", rejectable: true },
        ],
      }),
      rejectionIndex([
        { rules: rules({ minSubtotal: { amount: "150", eligibleOnly: false } }) },
        {
          rules: rules({
            campaignId: "cmp_vip",
            requiredCustomerTags: ["vip"],
            excludedCustomerTags: ["wholesale"],
          }),
          pattern: "VIP-####",
        },
      ]),
      ["vip", "wholesale"],
    ),
    {
      operations: [
        {
          enteredDiscountCodesReject: {
            codes: [{ code: "SPRING-7KQ2-M9XD" }],
            message: "Add 35.00 USD more to use this code.",
          },
        },
        {
          enteredDiscountCodesReject: {
            codes: [{ code: "VIP-ABCD" }],
            message: "This code is not available for your account.",
          },
        },
      ],
    },
  ],
  "auto-collection-of-another-campaign-never-refuses": [
    LINES,
    automatic(
      input({
        rules: rules({ excludeCollectionIds: [collection(8), collection(9)] }),
        lines: [{ n: 1, qty: 1, amount: "40.0", productN: 101, inExcluded: true }],
      }),
      rejectionIndex([
        { rules: rules({ excludeCollectionIds: [collection(8)] }), exactExclude: false },
        {
          rules: rules({ campaignId: "cmp_other", excludeCollectionIds: [collection(9)] }),
          pattern: "OTHER-####",
          exactExclude: false,
        },
      ]),
    ),
    none,
  ],
  "auto-free-shipping-guest-rejected": [
    LINES,
    automatic(input({ rules: rules({ ...shipRules, oncePerCustomer: true }), customer: guest })),
    SIGN_IN,
  ],
};

// Where the automatic run must answer otherwise than the campaign's rules alone would: every code
// of a bound campaign carries its tag, so a code without one is not of its format and is not
// the index's to reject.
const AUTO_OUTPUT: Record<string, Json> = { "bound-code-untagged-code-rejected": none };

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  for (const file of readdirSync(DIR)) if (file.endsWith(".json")) rmSync(DIR + file);
  const all: Record<string, [typeof LINES, Json, Json]> = {};
  for (const [name, [target, caseInput, output]] of Object.entries(CASES)) {
    if (!isRejection(output)) {
      all[name] = [target, caseInput, output];
      continue;
    }
    all[name] = [target, caseInput, none];
    if (target === LINES) {
      all[`auto-${name}`] = [LINES, automatic(caseInput), AUTO_OUTPUT[name] ?? output];
    }
  }
  Object.assign(all, AUTOMATIC_CASES);
  for (const [name, [target, input, output]] of Object.entries(all)) {
    const fixture = { payload: { export: target.export, target: target.target, input, output } };
    // Written as Prettier would format it, so `npm run lint` stays clean after a rebuild.
    const file = `${DIR}${name}.json`;
    const options = { ...(await resolveConfig(file)), parser: "json" };
    writeFileSync(file, await format(JSON.stringify(fixture), options));
  }
  console.log(`Wrote ${Object.keys(all).length} fixtures to ${DIR}`);
}

await main();
