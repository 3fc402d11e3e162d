import "@shopify/shopify-app-remix/adapters/node";
import { AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import db from "./db.server";
import { recordInstall } from "./shops/shops.server";
import { resumeAfterReconnect } from "./push/reconnect.server";
import { API_VERSION } from "./shopify/api-version";
import { routeShopifyRequestsToEmulator } from "./shopify/emulator-fetch.server";

// Set by `npm run demo` and the end-to-end tests: Shopify is the local emulator (emulator/).
if (process.env.SHOPIFY_EMULATOR_URL)
  routeShopifyRequestsToEmulator(process.env.SHOPIFY_EMULATOR_URL);

type SessionStorageClient = ConstructorParameters<typeof PrismaSessionStorage>[0];

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: see README.md, "Configuration"`);
  return value;
}

const shopify = shopifyApp({
  apiKey: required("SHOPIFY_API_KEY"),
  apiSecretKey: required("SHOPIFY_API_SECRET"),
  apiVersion: API_VERSION,
  scopes: required("SCOPES").split(","),
  appUrl: required("SHOPIFY_APP_URL"),
  authPathPrefix: "/auth",
  // The storage is typed against the classic @prisma/client; it only uses the Session model's
  // delegate, which our generated client has with the same shape.
  sessionStorage: new PrismaSessionStorage(db as unknown as SessionStorageClient),
  distribution: AppDistribution.AppStore,
  future: {
    // Token exchange instead of the OAuth redirect dance: the embedded app trades the session
    // token App Bridge gives it for an access token, with no page bounce to Shopify.
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  hooks: {
    afterAuth: async ({ session }) => {
      await recordInstall(session.shop);
      // A new token after Shopify refused the old one: the push goes on now, not at its next retry.
      await resumeAfterReconnect(session.shop);
    },
  },
  ...(process.env.SHOP_CUSTOM_DOMAIN
    ? { customShopDomains: [process.env.SHOP_CUSTOM_DOMAIN] }
    : {}),
});

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
