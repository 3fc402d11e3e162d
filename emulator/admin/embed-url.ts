import { authStateOf } from "../auth/auth-state";
import { mintSessionToken } from "../auth/session-token";
import { adminHostParam, signQuery } from "../auth/signed-query";
import type { EmulatorState } from "../store/context";
import type { AppRegistration } from "../store/types";
import { SHOPIFY_ADDED_PARAMS } from "./shopify-params";

// The URL Shopify admin loads in the app's iframe: <application_url><path inside the app>, with
// the app's own query kept and Shopify's parameters added: embedded=1, host, id_token (a fresh
// session token), locale, session, shop, timestamp and the hmac over all of them
// (https://shopify.dev/docs/apps/build/admin/embedded-app-home and the token exchange guide:
// "Shopify admin passes the session token in the id_token URL parameter").

/** A session token for the merchant logged in to this shop's admin. */
export function sessionTokenFor(
  state: EmulatorState,
  shop: string,
  app: AppRegistration,
): Promise<string> {
  const login = authStateOf(state).staff.loginFor(shop);
  return mintSessionToken({
    shop,
    apiKey: app.apiKey,
    apiSecret: app.apiSecret,
    userId: login.user.id,
    sessionId: login.sessionId,
    now: Math.floor(state.now() / 1000),
  });
}

export async function embeddedAppUrl(
  state: EmulatorState,
  shop: string,
  app: AppRegistration,
  pathInApp: string,
  appQuery: URLSearchParams,
): Promise<string> {
  const login = authStateOf(state).staff.loginFor(shop);
  const params: Record<string, string> = {};
  for (const [key, value] of appQuery) {
    if (!SHOPIFY_ADDED_PARAMS.includes(key)) params[key] = value;
  }
  Object.assign(params, {
    embedded: "1",
    host: adminHostParam(shop),
    id_token: await sessionTokenFor(state, shop, app),
    locale: login.user.locale,
    session: login.sessionId,
    shop,
    timestamp: String(Math.floor(state.now() / 1000)),
  });
  const base = app.applicationUrl.replace(/\/+$/, "");
  return `${base}${pathInApp}?${signQuery(params, app.apiSecret).toString()}`;
}
