// The shopper's cart as the checkout sees it: lines resolved against the store (the price is
// always the store's, whatever the request says), the buyer (a customer or a guest), the
// presentment currency and Shopify's rate to it, the delivery option and the entered codes.
// Amounts are kept twice: shop-currency cents (what the store records) and minor units of the
// presentment currency (what the function sees and what the shopper pays).
import { getVariant } from "../store/catalog";
import type { Customer, Product, ProductVariant, ShopRecord } from "../store/types";

export interface CheckoutRequest {
  lines?: { variantId?: unknown; quantity?: unknown }[];
  customerId?: unknown;
  email?: unknown;
  discountCodes?: unknown;
  presentmentCurrency?: unknown;
  presentmentCurrencyRate?: unknown;
  shipping?: unknown;
  preview?: unknown;
  /** Where the buyer entered the store and the page that sent them (the order's landing_site and
   * referring_site), e.g. "/?ref=coupons" and "https://coupon-site.example/shop". */
  landingSite?: unknown;
  referringSite?: unknown;
  /** The buyer's language, a Shopify LanguageCode such as "EN", "FR" or "PT_BR" (default "EN"). */
  language?: unknown;
  /** The buyer's country, ISO 3166-1 alpha-2 (default "US"). */
  country?: unknown;
}

export interface CartLine {
  /** gid://shopify/CartLine/<n>, as the function sees it. */
  id: string;
  product: Product;
  variant: ProductVariant;
  quantity: number;
  unitCents: number;
  /** Line subtotal in presentment minor units. */
  subtotal: number;
}

export interface Shipping {
  handle: string;
  title: string;
  cents: number;
  /** Presentment minor units. */
  price: number;
}

export interface Cart {
  shop: ShopRecord;
  lines: CartLine[];
  customer: Customer | null;
  email: string | null;
  currency: string;
  /** Decimal string, as Input.presentmentCurrencyRate. */
  rate: string;
  digits: number;
  shipping: Shipping | null;
  codes: string[];
  preview: boolean;
  landingSite: string | null;
  referringSite: string | null;
  /** Input.localization: the storefront's language and country for this buyer. */
  language: string;
  country: string;
}

// Shopify checkout accepts at most 5 discount codes on one order
// (help.shopify.com/manual/discounts/combining-discounts: "customers can use up to 5 product or
// order discount codes and 1 shipping discount code").
export const MAX_CODES = 5;
const MAX_LINES = 500;

const ZERO_DECIMAL = new Set(["JPY", "KRW", "VND", "CLP", "ISK"]);
const THREE_DECIMAL = new Set(["BHD", "KWD", "OMR", "JOD", "TND"]);

export function currencyDigits(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : THREE_DECIMAL.has(currency) ? 3 : 2;
}

/** Shop cents to presentment minor units at `rate`, rounded half up. */
export function toPresentment(cents: number, rate: number, digits: number): number {
  return Math.floor(((cents * rate) / 100) * 10 ** digits + 0.5 + 1e-9);
}

/** Presentment minor units back to shop cents. */
export function toShopCents(minor: number, rate: number, digits: number): number {
  return Math.floor((minor / 10 ** digits / rate) * 100 + 0.5 + 1e-9);
}

export function decimal(minor: number, digits: number): string {
  const whole = Math.floor(minor / 10 ** digits);
  return digits === 0
    ? String(whole)
    : `${whole}.${String(minor - whole * 10 ** digits).padStart(digits, "0")}`;
}

export type CartResult = { ok: true; cart: Cart } | { ok: false; errors: string[] };

export function parseCart(shop: ShopRecord, body: CheckoutRequest): CartResult {
  const errors: string[] = [];
  const currency =
    typeof body.presentmentCurrency === "string" ? body.presentmentCurrency : shop.currency;
  if (!/^[A-Z]{3}$/.test(currency))
    errors.push("presentmentCurrency must be an ISO 4217 code such as EUR.");
  const rateText =
    typeof body.presentmentCurrencyRate === "string"
      ? body.presentmentCurrencyRate
      : currency === shop.currency
        ? "1.0"
        : null;
  const rate = rateText === null ? NaN : Number(rateText);
  if (!(rate > 0))
    errors.push(
      "presentmentCurrencyRate must be a positive decimal string when the currency is not the shop's.",
    );
  const digits = currencyDigits(currency);

  const rawLines = Array.isArray(body.lines) ? body.lines : [];
  if (rawLines.length === 0) errors.push("The cart needs at least one line.");
  if (rawLines.length > MAX_LINES) errors.push(`A cart holds at most ${MAX_LINES} lines.`);
  const lines: CartLine[] = [];
  rawLines.forEach((raw, i) => {
    const found = typeof raw?.variantId === "string" ? getVariant(shop, raw.variantId) : undefined;
    const quantity = raw?.quantity;
    if (!found) errors.push(`lines[${i}].variantId is not a variant of ${shop.domain}.`);
    else if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1) {
      errors.push(`lines[${i}].quantity must be a whole number of at least 1.`);
    } else {
      const subtotal = toPresentment(found.variant.priceCents * quantity, rate, digits);
      lines.push({
        id: `gid://shopify/CartLine/${i + 1}`,
        product: found.product,
        variant: found.variant,
        quantity,
        unitCents: found.variant.priceCents,
        subtotal,
      });
    }
  });

  let customer: Customer | null = null;
  if (body.customerId !== undefined && body.customerId !== null) {
    customer =
      typeof body.customerId === "string" ? (shop.customers.get(body.customerId) ?? null) : null;
    if (!customer)
      errors.push("customerId is not a customer of this shop (send null for a guest).");
  }
  const email =
    typeof body.email === "string" && body.email.includes("@")
      ? body.email
      : (customer?.email ?? null);

  const codes = Array.isArray(body.discountCodes) ? body.discountCodes : [];
  if (!codes.every((code) => typeof code === "string" && code.trim() !== "")) {
    errors.push("discountCodes must be a list of codes.");
  }
  if (codes.length > MAX_CODES)
    errors.push(`At most ${MAX_CODES} discount codes can be used on one order.`);

  const shipping = parseShipping(body.shipping, rate, digits, errors);
  const landingSite = optionalSite(body.landingSite, "landingSite", errors);
  const referringSite = optionalSite(body.referringSite, "referringSite", errors);
  const language = body.language ?? "EN";
  if (typeof language !== "string" || !/^[A-Z]{2,3}(_[A-Z]{2,4})?$/.test(language)) {
    errors.push('language must be a Shopify language code such as "EN", "FR" or "PT_BR".');
  }
  const country = body.country ?? "US";
  if (typeof country !== "string" || !/^[A-Z]{2}$/.test(country)) {
    errors.push('country must be a two-letter country code such as "US".');
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    cart: {
      shop,
      lines,
      customer,
      email,
      currency,
      rate: rateText ?? "1.0",
      digits,
      shipping,
      codes: (codes as string[]).map((code) => code.trim()),
      preview: body.preview === true,
      landingSite,
      referringSite,
      language: language as string,
      country: country as string,
    },
  };
}

function optionalSite(raw: unknown, name: string, errors: string[]): string | null {
  if (raw === undefined || raw === null || raw === "") return null;
  if (typeof raw !== "string" || raw.length > 2048) {
    errors.push(`${name} must be a URL or path of at most 2048 characters.`);
    return null;
  }
  return raw;
}

// Default: one "Standard" shipping option at 5.00 in the shop's currency; null means pickup.
function parseShipping(
  raw: unknown,
  rate: number,
  digits: number,
  errors: string[],
): Shipping | null {
  if (raw === null) return null;
  const spec = (raw ?? { title: "Standard", price: "5.00" }) as {
    title?: unknown;
    price?: unknown;
  };
  const cents = Math.round(Number(spec.price) * 100);
  if (typeof spec.title !== "string" || !Number.isFinite(cents) || cents < 0) {
    errors.push('shipping must be {"title", "price"} or null.');
    return null;
  }
  const handle = spec.title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return { handle, title: spec.title, cents, price: toPresentment(cents, rate, digits) };
}
