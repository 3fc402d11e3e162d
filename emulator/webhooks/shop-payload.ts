import type { ShopRecord } from "../store/types";
import { restId, type JsonValue } from "./json";

// The body of app/uninstalled: the REST Shop resource, keys in the order of Shopify's sample
// (test/fixtures/shopify-webhooks/app-uninstalled.json). Fields the emulator's shop does not hold
// (address, coordinates, tax settings) are null, as Shopify sends them for a shop without them.

const SYMBOLS: Record<string, string> = {
  USD: "$",
  CAD: "$",
  AUD: "$",
  NZD: "$",
  EUR: "€",
  GBP: "£",
  JPY: "¥",
};

export function shopPayload(shop: ShopRecord): JsonValue {
  const symbol = SYMBOLS[shop.currency] ?? "";
  const moneyFormat = `${symbol}{{amount}}`;
  const withCurrency = `${symbol}{{amount}} ${shop.currency}`;
  return {
    id: restId(shop.id),
    name: shop.name,
    email: shop.email,
    domain: shop.domain,
    province: null,
    country: null,
    address1: null,
    zip: null,
    city: null,
    source: null,
    phone: null,
    latitude: null,
    longitude: null,
    primary_locale: "en",
    address2: null,
    created_at: shop.createdAt,
    updated_at: shop.createdAt,
    country_code: null,
    country_name: null,
    currency: shop.currency,
    customer_email: shop.email,
    timezone: null,
    iana_timezone: shop.ianaTimezone,
    shop_owner: null,
    money_format: moneyFormat,
    money_with_currency_format: withCurrency,
    weight_unit: "kg",
    province_code: null,
    taxes_included: null,
    auto_configure_tax_inclusivity: null,
    tax_shipping: null,
    county_taxes: null,
    plan_display_name: shop.plan,
    plan_name: shop.plan.toLowerCase().replace(/\s+/g, "_"),
    has_discounts: shop.discounts.size > 0,
    has_gift_cards: false,
    myshopify_domain: shop.domain,
    google_apps_domain: null,
    google_apps_login_enabled: null,
    money_in_emails_format: moneyFormat,
    money_with_currency_in_emails_format: withCurrency,
    eligible_for_payments: true,
    requires_extra_payments_agreement: false,
    password_enabled: null,
    has_storefront: true,
    finances: true,
    primary_location_id: null,
    checkout_api_supported: true,
    multi_location_enabled: false,
    setup_required: false,
    pre_launch_enabled: false,
    enabled_presentment_currencies: [shop.currency],
    marketing_sms_consent_enabled_at_checkout: false,
    transactional_sms_disabled: false,
  };
}
