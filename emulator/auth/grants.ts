import { randomBytes } from "node:crypto";
import type { EmulatorState } from "../store/context";
import { installApp, issueOnlineToken, requireShop } from "../store/shops";
import type { AppRegistration } from "../store/types";
import type { AuthState } from "./auth-state";
import type { StaffUser } from "./staff";

// What the token endpoint hands out, with Shopify's lifetimes:
// - offline, non-expiring: one token per installation, the same on every re-authorization
//   (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/offline-access-tokens);
// - offline, expiring (`expiring=1`): an access token for 3600 s and a refresh token, replaced
//   on every refresh (https://shopify.dev/changelog/offline-access-tokens-now-support-expiry-and-refresh);
// - online: one per user login, for 24 h, with the user in `associated_user`
//   (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/online-access-tokens).

export const EXPIRING_OFFLINE_TTL_SECONDS = 3600;
// Shopify's documented refresh token lifetime for expiring offline tokens: 90 days.
export const REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;
export const ONLINE_TTL_SECONDS = 86_399;

/** Body of a successful access_token answer, as Shopify writes it. */
export interface AccessTokenAnswer {
  access_token: string;
  scope: string;
  expires_in?: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  associated_user_scope?: string;
  associated_user?: {
    id: number;
    first_name: string;
    last_name: string;
    email: string;
    account_owner: boolean;
    locale: string;
    collaborator: boolean;
    email_verified: boolean;
  };
}

function secret(prefix: string): string {
  return `${prefix}${randomBytes(16).toString("hex")}`;
}

/** Installs the app if needed (Shopify-managed installation) and answers with an offline token. */
export function grantOffline(
  state: EmulatorState,
  auth: AuthState,
  shop: string,
  app: AppRegistration,
  expiring: boolean,
  /** What the merchant granted on the authorize screen; token exchange keeps what is installed. */
  granted?: string[],
): AccessTokenAnswer {
  const installed = requireShop(state, shop).installations.get(app.apiKey);
  const scopes = granted ?? installed?.scopes ?? app.scopes;
  const permanent = installApp(state, shop, app.apiKey, scopes);
  const scope = scopes.join(",");
  if (!expiring) return { access_token: permanent, scope };
  return { ...issueExpiring(state, auth, shop, app.apiKey), scope };
}

export function issueExpiring(
  state: EmulatorState,
  auth: AuthState,
  shop: string,
  apiKey: string,
): Pick<
  AccessTokenAnswer,
  "access_token" | "expires_in" | "refresh_token" | "refresh_token_expires_in"
> {
  const accessToken = secret("shpat_");
  state.tokens.set(accessToken, {
    shop,
    apiKey,
    kind: "offline",
    userId: null,
    expiresAt: state.now() + EXPIRING_OFFLINE_TTL_SECONDS * 1000,
  });
  const refreshToken = secret("shprt_");
  auth.refreshTokens.set(refreshToken, {
    shop,
    apiKey,
    expiresAt: state.now() + REFRESH_TOKEN_TTL_SECONDS * 1000,
  });
  return {
    access_token: accessToken,
    expires_in: EXPIRING_OFFLINE_TTL_SECONDS,
    refresh_token: refreshToken,
    refresh_token_expires_in: REFRESH_TOKEN_TTL_SECONDS,
  };
}

/** Installs the app if needed and answers with an online token for this staff member. */
export function grantOnline(
  state: EmulatorState,
  shop: string,
  app: AppRegistration,
  user: StaffUser,
  granted?: string[],
): AccessTokenAnswer {
  const installed = requireShop(state, shop).installations.get(app.apiKey);
  const scopes = granted ?? installed?.scopes ?? app.scopes;
  if (!installed || granted) installApp(state, shop, app.apiKey, scopes);
  const token = issueOnlineToken(state, shop, app.apiKey, user.id, ONLINE_TTL_SECONDS);
  const scope = scopes.join(",");
  return {
    access_token: token,
    scope,
    expires_in: ONLINE_TTL_SECONDS,
    // The account owner holds every permission, so the user's scopes are the app's.
    associated_user_scope: scope,
    associated_user: {
      id: Number(user.id),
      first_name: user.firstName,
      last_name: user.lastName,
      email: user.email,
      account_owner: user.accountOwner,
      locale: user.locale,
      collaborator: user.collaborator,
      email_verified: user.emailVerified,
    },
  };
}

/** Forget the refresh tokens of an app removed from a shop (its access tokens go with the store). */
export function revokeRefreshTokens(auth: AuthState, shop: string, apiKey: string): void {
  for (const [token, grant] of auth.refreshTokens) {
    if (grant.shop === shop && grant.apiKey === apiKey) auth.refreshTokens.delete(token);
  }
}

/**
 * Revokes every access and refresh token the app holds on the shop, leaving it installed: what
 * rotating the app's credentials does on Shopify. The app gets working tokens again only by
 * authenticating anew (token exchange when the merchant opens it).
 */
export function revokeAppTokens(
  state: EmulatorState,
  auth: AuthState,
  shop: string,
  apiKey: string,
): void {
  const installation = requireShop(state, shop).installations.get(apiKey);
  if (installation) installApp(state, shop, apiKey, installation.scopes, { rotate: true });
  for (const [token, record] of state.tokens) {
    if (record.shop === shop && record.apiKey === apiKey && token !== installation?.accessToken)
      state.tokens.delete(token);
  }
  revokeRefreshTokens(auth, shop, apiKey);
}
