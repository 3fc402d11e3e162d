import { randomBytes } from "node:crypto";
import { emit, nowIso, type EmulatorState, type TokenRecord } from "./context";
import { nextGid } from "./ids";
import type { AppInstallation, AppRegistration, ShopRecord } from "./types";

export interface NewShop {
  domain: string;
  name?: string;
  email?: string;
  plan?: string;
  currency?: string;
  ianaTimezone?: string;
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function isValidShopDomain(domain: string): boolean {
  return SHOP_DOMAIN.test(domain);
}

export function createShop(state: EmulatorState, input: NewShop): ShopRecord {
  if (!isValidShopDomain(input.domain)) {
    throw new Error(`Shop domains are <name>.myshopify.com, got "${input.domain}"`);
  }
  if (state.shops.has(input.domain)) throw new Error(`Shop ${input.domain} already exists`);
  const name = input.name ?? input.domain.replace(/\.myshopify\.com$/, "");
  const shop: ShopRecord = {
    id: nextGid(state.ids, "Shop"),
    domain: input.domain,
    name,
    email: input.email ?? `owner@${input.domain}`,
    plan: input.plan ?? "Basic",
    currency: input.currency ?? "USD",
    ianaTimezone: input.ianaTimezone ?? "America/New_York",
    createdAt: nowIso(state),
    installations: new Map(),
    products: new Map(),
    collections: new Map(),
    customers: new Map(),
    discounts: new Map(),
    automaticDiscounts: new Map(),
    redeemCodes: new Map(),
    codesByDiscount: new Map(),
    codeIndex: new Map(),
    codeUsage: new Map(),
    bulkCreations: new Map(),
    jobs: new Map(),
    orders: new Map(),
    metafields: new Map(),
    nextOrderNumber: 1001,
  };
  state.shops.set(shop.domain, shop);
  return shop;
}

export function getShop(state: EmulatorState, domain: string): ShopRecord | undefined {
  return state.shops.get(domain);
}

/** For callers that already checked the shop exists (routes answer 404 before this). */
export function requireShop(state: EmulatorState, domain: string): ShopRecord {
  const shop = state.shops.get(domain);
  if (!shop) throw new Error(`Unknown shop ${domain}`);
  return shop;
}

export function getApp(state: EmulatorState, apiKey: string): AppRegistration | undefined {
  return state.apps.get(apiKey);
}

// Shopify's offline Admin API tokens start with "shpat_", online (user) tokens with "shpua_".
function newToken(prefix: string): string {
  return `${prefix}${randomBytes(16).toString("hex")}`;
}

/**
 * Installs (or re-grants) an app on a shop and returns its offline access token. Installing an
 * app that is already installed keeps its token and takes the new scopes, as a re-authorization
 * on Shopify does; `rotate` issues a fresh token and revokes the old one.
 */
export function installApp(
  state: EmulatorState,
  shopDomain: string,
  apiKey: string,
  scopes: string[],
  options: { rotate?: boolean } = {},
): string {
  const shop = requireShop(state, shopDomain);
  if (!state.apps.has(apiKey)) throw new Error(`Unknown app ${apiKey}`);
  const existing = shop.installations.get(apiKey);
  if (existing && !options.rotate) {
    existing.scopes = [...scopes];
    return existing.accessToken;
  }
  if (existing) state.tokens.delete(existing.accessToken);
  const installation: AppInstallation = {
    apiKey,
    accessToken: newToken("shpat_"),
    scopes: [...scopes],
    installedAt: nowIso(state),
  };
  shop.installations.set(apiKey, installation);
  state.tokens.set(installation.accessToken, {
    shop: shopDomain,
    apiKey,
    kind: "offline",
    userId: null,
    expiresAt: null,
  });
  if (!existing) emit(state, { type: "app/installed", shop: shopDomain, apiKey });
  return installation.accessToken;
}

/** An online (per-user, expiring) token for an installed app, as token exchange hands out. */
export function issueOnlineToken(
  state: EmulatorState,
  shopDomain: string,
  apiKey: string,
  userId: string,
  expiresInSeconds = 86_400,
): string {
  const shop = requireShop(state, shopDomain);
  if (!shop.installations.has(apiKey))
    throw new Error(`App ${apiKey} is not installed on ${shopDomain}`);
  const token = newToken("shpua_");
  state.tokens.set(token, {
    shop: shopDomain,
    apiKey,
    kind: "online",
    userId,
    expiresAt: state.now() + expiresInSeconds * 1000,
  });
  return token;
}

/** Removes the app and revokes every token it held on the shop. */
export function uninstallApp(state: EmulatorState, shopDomain: string, apiKey: string): boolean {
  const shop = requireShop(state, shopDomain);
  if (!shop.installations.delete(apiKey)) return false;
  for (const [token, record] of state.tokens) {
    if (record.shop === shopDomain && record.apiKey === apiKey) state.tokens.delete(token);
  }
  emit(state, { type: "app/uninstalled", shop: shopDomain, apiKey });
  return true;
}

export interface AuthenticatedApp {
  token: TokenRecord;
  installation: AppInstallation;
  app: AppRegistration;
}

/** The app behind an access token on this shop, or null (unknown, revoked, expired, other shop). */
export function authenticateAccessToken(
  state: EmulatorState,
  shopDomain: string,
  accessToken: string,
): AuthenticatedApp | null {
  const token = state.tokens.get(accessToken);
  if (!token || token.shop !== shopDomain) return null;
  if (token.expiresAt !== null && token.expiresAt <= state.now()) return null;
  const installation = state.shops.get(shopDomain)?.installations.get(token.apiKey);
  const app = state.apps.get(token.apiKey);
  if (!installation || !app) return null;
  return { token, installation, app };
}
