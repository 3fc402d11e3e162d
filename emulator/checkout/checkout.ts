// A checkout: the cart, Shopify's native code checks, the discount function, then — in one
// synchronous step, so two checkouts racing for a single-use code cannot both pass — the usage
// count and the order, followed by the orders/create and orders/paid webhooks.
import { checkCodeRedeemable, recordCodeUsage } from "../store/codes";
import type { EmulatorState } from "../store/context";
import { automaticDiscountsOf, discountStatus } from "../store/discounts";
import { createOrder } from "../store/orders";
import { getShop } from "../store/shops";
import type { CodeDiscount, DiscountClass, Order, RedeemCode } from "../store/types";
import { webhookServiceOf } from "../webhooks/registry";
import { remainingOf, type Application } from "./apply";
import { decimal, parseCart, toShopCents, type Cart, type CheckoutRequest } from "./cart";
import { runDiscount, type FunctionLog } from "./discount-run";
import type { FunctionRegistry } from "./functions";
import { orderPayload, type CheckoutExtras } from "./order-payload";
import { rememberCheckoutExtras } from "./order-changes";

export interface CodeError {
  code: string;
  message: string;
}

interface AppliedCode {
  code: string;
  discount: CodeDiscount;
  redeemCode: RedeemCode;
  applications: Application[];
}

export interface CheckoutResult {
  status: number;
  body: Record<string, unknown>;
}

// Shopify's wording (help.shopify.com/manual/discounts/combining-discounts): "If a customer
// enters more than one discount code during checkout that can't be combined, then the following
// message displays: Discount couldn't be used with your existing discounts."
const NOT_COMBINABLE = "Discount couldn't be used with your existing discounts";
// Shopify's message for a code whose requirements the cart does not meet, when the discount's
// function gives no operation and no message of its own.
const notEligible = (code: string) =>
  `Your cart does not meet the requirements for the ${code} discount code`;

export async function runCheckout(
  state: EmulatorState,
  registry: FunctionRegistry,
  shopDomain: string,
  body: CheckoutRequest,
): Promise<CheckoutResult> {
  const shop = getShop(state, shopDomain);
  if (!shop) return { status: 404, body: { errors: [`There is no shop ${shopDomain}`] } };
  const parsed = parseCart(shop, body);
  if (!parsed.ok) return { status: 400, body: { errors: parsed.errors } };
  const cart = parsed.cart;
  const customerId = cart.customer?.id ?? null;

  const remaining = remainingOf(cart);
  const applied: AppliedCode[] = [];
  const codeErrors: CodeError[] = [];
  const functionLogs: (FunctionLog & { code: string | null; discountId: string })[] = [];
  // Codes whose discount applied (not rejectable any more), and the codes whose discount gave
  // nothing (lower case → their entry in codeErrors): an automatic discount's rejection replaces
  // Shopify's generic words there with its own message.
  const appliedCodes = new Set<string>();
  const ineligible = new Map<string, number>();
  for (const code of cart.codes) {
    const check = checkCodeRedeemable(state, shop, code, customerId, cart.email);
    if (!check.ok) {
      codeErrors.push({ code, message: check.message });
      continue;
    }
    const { discount, redeemCode } = check;
    if (applied.some((a) => a.discount.id === discount.id || !combinable(a.discount, discount))) {
      codeErrors.push({ code, message: NOT_COMBINABLE });
      continue;
    }
    if (discount.kind !== "app") {
      codeErrors.push({
        code,
        message: "The emulator's checkout applies app (function) discounts only.",
      });
      continue;
    }
    const run = await runDiscount(state, registry, cart, remaining, discount, code, appliedCodes);
    functionLogs.push(...run.logs.map((log) => ({ ...log, code, discountId: discount.id })));
    const applications = run.ok ? run.applications : [];
    if (applications.length === 0) {
      ineligible.set(code.toLowerCase(), codeErrors.length);
      codeErrors.push({ code, message: notEligible(code) });
      continue;
    }
    appliedCodes.add(code.toLowerCase());
    applied.push({ code: redeemCode.code, discount, redeemCode, applications });
  }
  // Then the shop's active automatic app discounts, whose functions see every entered code and
  // may reject those whose discount did not apply; the checkout shows the message where it
  // would show its own under the code.
  for (const discount of automaticDiscountsOf(shop).values()) {
    if (discount.kind !== "app" || discountStatus(state, discount) !== "ACTIVE") continue;
    const run = await runDiscount(state, registry, cart, remaining, discount, null, appliedCodes);
    const logs = run.logs.map((log) => ({ ...log, code: null, discountId: discount.id }));
    functionLogs.push(...logs);
    if (!run.ok) continue;
    if (run.applications.length > 0 && logs[0]) {
      logs[0].error = "The emulator's checkout does not apply an automatic discount's own reward.";
    }
    for (const [key, message] of run.rejections) {
      const at = ineligible.get(key);
      if (at !== undefined && codeErrors[at]) codeErrors[at].message = message;
    }
  }

  const summary = summarize(cart, applied);
  if (codeErrors.length > 0)
    return { status: 422, body: { errors: codeErrors, ...summary, functionLogs } };
  if (cart.preview) return { status: 200, body: { preview: true, ...summary, functionLogs } };

  // From here to createOrder nothing awaits: check, count and create as one step.
  for (const a of applied) {
    const recheck = checkCodeRedeemable(state, shop, a.code, customerId, cart.email);
    if (!recheck.ok)
      return {
        status: 422,
        body: { errors: [{ code: a.code, message: recheck.message }], ...summary },
      };
  }
  for (const a of applied) recordCodeUsage(state, shop, a.redeemCode.id, customerId, cart.email);
  const extras = extrasOf(cart, applied);
  const order = createOrder(state, shop, newOrder(cart, applied));
  fireOrderWebhooks(state, shop.domain, order, extras);
  return { status: 201, body: { order: { id: order.id, name: order.name }, ...summary } };
}

// Both discounts must accept each other's classes (help.shopify.com/manual/discounts/
// combining-discounts: a discount combines only with the classes it is set to combine with).
function combinable(a: CodeDiscount, b: CodeDiscount): boolean {
  const accepts = (d: CodeDiscount, cls: DiscountClass) =>
    cls === "ORDER"
      ? d.combinesWith.orderDiscounts
      : cls === "PRODUCT"
        ? d.combinesWith.productDiscounts
        : d.combinesWith.shippingDiscounts;
  return (
    b.discountClasses.every((cls) => accepts(a, cls)) &&
    a.discountClasses.every((cls) => accepts(b, cls))
  );
}

function summarize(cart: Cart, applied: AppliedCode[]) {
  const subtotal = cart.lines.reduce((s, l) => s + l.subtotal, 0);
  const discounts = applied.flatMap((a) => a.applications).reduce((s, x) => s + x.total, 0);
  const shipping = cart.shipping?.price ?? 0;
  const money = (minor: number) => decimal(minor, cart.digits);
  return {
    currency: cart.currency,
    subtotal: money(subtotal),
    shipping: money(shipping),
    totalDiscounts: money(discounts),
    total: money(subtotal + shipping - discounts),
    discountCodes: applied.map((a) => ({
      code: a.code,
      amount: money(a.applications.reduce((s, x) => s + x.total, 0)),
    })),
    lines: cart.lines.map((line) => ({
      id: line.id,
      variantId: line.variant.id,
      title: line.product.title,
      quantity: line.quantity,
      subtotal: money(line.subtotal),
      discount: money(
        applied.flatMap((a) => a.applications).reduce((s, x) => s + (x.lines.get(line.id) ?? 0), 0),
      ),
    })),
  };
}

function newOrder(cart: Cart, applied: AppliedCode[]) {
  const rate = Number(cart.rate);
  const shopCents = (minor: number) => toShopCents(minor, rate, cart.digits);
  const applications = applied.flatMap((a) =>
    a.applications.map((application) => ({ a, application })),
  );
  const shippingDiscount = applications.reduce((s, { application }) => s + application.shipping, 0);
  return {
    customerId: cart.customer?.id ?? null,
    email: cart.email,
    lineItems: cart.lines.map((line) => ({
      productId: line.product.id,
      variantId: line.variant.id,
      title: line.product.title,
      variantTitle: line.variant.title,
      sku: line.variant.sku,
      quantity: line.quantity,
      unitPriceCents: line.unitCents,
      discountAllocations: applications.flatMap(({ application }, index) => {
        const amount = application.lines.get(line.id) ?? 0;
        return amount > 0
          ? [{ amountCents: shopCents(amount), discountApplicationIndex: index }]
          : [];
      }),
    })),
    discountApplications: applications.map(({ a, application }) => ({
      type: "discount_code" as const,
      code: a.code,
      title: null,
      description: null,
      valueType: application.valueType,
      value:
        application.valueType === "percentage" ? application.value : shopCents(application.value),
      allocationMethod: application.allocationMethod,
      targetSelection: application.targetSelection,
      targetType: application.targetType,
    })),
    discountCodes: applied.map((a) => {
      const total = a.applications.reduce((s, x) => s + x.total, 0);
      const first = a.applications[0]!;
      const type = first.targetType === "shipping_line" ? "shipping" : first.valueType;
      return {
        code: a.code,
        amountCents: shopCents(total),
        type: type as "shipping" | "percentage" | "fixed_amount",
      };
    }),
    // The store keeps the shipping actually charged; the payload shows price and discount.
    shippingCents: (cart.shipping?.cents ?? 0) - shopCents(shippingDiscount),
  };
}

function extrasOf(cart: Cart, applied: AppliedCode[]): CheckoutExtras {
  const shippingDiscount = applied
    .flatMap((a) => a.applications)
    .reduce((s, x) => s + x.shipping, 0);
  return {
    presentmentCurrency: cart.currency,
    rate: Number(cart.rate),
    presentmentDigits: cart.digits,
    landingSite: cart.landingSite,
    referringSite: cart.referringSite,
    shipping: cart.shipping && {
      title: cart.shipping.title,
      code: cart.shipping.handle,
      priceCents: cart.shipping.cents,
      discountCents: toShopCents(shippingDiscount, Number(cart.rate), cart.digits),
    },
  };
}

function fireOrderWebhooks(
  state: EmulatorState,
  shop: string,
  order: Order,
  extras: CheckoutExtras,
): void {
  const service = webhookServiceOf(state);
  rememberCheckoutExtras(order, extras);
  const payload = orderPayload(state, shop, order, extras);
  // A paid checkout creates the order and marks it paid: two topics, two events.
  service.deliverWebhook(shop, "orders/create", payload);
  service.deliverWebhook(shop, "orders/paid", payload);
}
