import { timingSafeEqual } from "node:crypto";
import type { EmulatorState } from "../store/context";
import { getApp, getShop } from "../store/shops";
import type { AppRegistration } from "../store/types";
import type { AuthState } from "./auth-state";
import { grantOffline, grantOnline, issueExpiring } from "./grants";
import { CODE_NOT_FOUND, INVALID_SUBJECT_TOKEN, OAuthError, UNKNOWN_APP } from "./oauth-error";
import { checkSessionToken } from "./session-token";

// POST /admin/oauth/access_token: the authorization code grant
// (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant),
// token exchange of a session token
// (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/token-exchange),
// migration of a non-expiring offline token and refresh of an expiring one
// (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/offline-access-tokens).

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ONLINE = "urn:shopify:params:oauth:token-type:online-access-token";

type Params = Record<string, string | undefined>;

export async function handleAccessTokenRequest(
  request: Request,
  shop: string,
  state: EmulatorState,
  auth: AuthState,
): Promise<Response> {
  if (!getShop(state, shop)) return Response.json({ errors: "Not Found" }, { status: 404 });
  try {
    const params = await readParams(request);
    const app = authenticateClient(state, params);
    const answer = await grant(state, auth, shop, app, params);
    return Response.json(answer);
  } catch (error) {
    if (error instanceof OAuthError) return error.toResponse();
    throw error;
  }
}

async function readParams(request: Request): Promise<Params> {
  const type = request.headers.get("content-type") ?? "";
  const text = await request.text();
  if (type.includes("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new OAuthError("invalid_request", "The request body is not valid JSON.");
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new OAuthError("invalid_request", "The request body must be a JSON object.");
    }
    return Object.fromEntries(
      Object.entries(parsed).map(([k, v]) => [k, typeof v === "string" ? v : String(v)]),
    );
  }
  if (type.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  throw new OAuthError("invalid_request", "Send the parameters as JSON or form data.");
}

function authenticateClient(state: EmulatorState, params: Params): AppRegistration {
  const app = params.client_id ? getApp(state, params.client_id) : undefined;
  if (!app) throw new OAuthError("invalid_request", UNKNOWN_APP);
  const given = Buffer.from(params.client_secret ?? "");
  const expected = Buffer.from(app.apiSecret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    // Not published by Shopify; RFC 6749 §5.2's answer for failed client authentication.
    throw new OAuthError("invalid_client", "Client authentication failed.", 401);
  }
  return app;
}

async function grant(
  state: EmulatorState,
  auth: AuthState,
  shop: string,
  app: AppRegistration,
  params: Params,
) {
  switch (params.grant_type) {
    case undefined:
    case "authorization_code":
      return codeGrant(state, auth, shop, app, params);
    case TOKEN_EXCHANGE:
      if (params.subject_token_type === ID_TOKEN)
        return tokenExchange(state, auth, shop, app, params);
      if (params.subject_token_type === OFFLINE)
        return migrateToExpiring(state, auth, shop, app, params);
      throw new OAuthError("invalid_request", `Unsupported subject_token_type.`);
    case "refresh_token":
      return refresh(state, auth, shop, app, params);
    default:
      throw new OAuthError("unsupported_grant_type", `Unsupported grant_type.`);
  }
}

function codeGrant(
  state: EmulatorState,
  auth: AuthState,
  shop: string,
  app: AppRegistration,
  params: Params,
) {
  const code = params.code ? auth.codes.get(params.code) : undefined;
  if (!code || code.shop !== shop || code.apiKey !== app.apiKey || code.expiresAt <= state.now()) {
    throw new OAuthError("invalid_request", CODE_NOT_FOUND);
  }
  auth.codes.delete(params.code!);
  if (!code.online)
    return grantOffline(state, auth, shop, app, params.expiring === "1", code.scopes);
  const user = auth.staff.userById(shop, code.userId);
  if (!user) throw new OAuthError("invalid_request", CODE_NOT_FOUND);
  return grantOnline(state, shop, app, user, code.scopes);
}

async function tokenExchange(
  state: EmulatorState,
  auth: AuthState,
  shop: string,
  app: AppRegistration,
  params: Params,
) {
  if (params.requested_token_type !== OFFLINE && params.requested_token_type !== ONLINE) {
    throw new OAuthError("invalid_request", "Unsupported requested_token_type.");
  }
  const check = await checkSessionToken(params.subject_token ?? "", app, state.now() / 1000);
  if (!check.ok || check.shop !== shop) {
    throw new OAuthError("invalid_subject_token", INVALID_SUBJECT_TOKEN);
  }
  if (params.requested_token_type === OFFLINE) {
    return grantOffline(state, auth, shop, app, params.expiring === "1");
  }
  const user = auth.staff.userById(shop, check.claims.sub);
  if (!user) throw new OAuthError("invalid_subject_token", INVALID_SUBJECT_TOKEN);
  return grantOnline(state, shop, app, user);
}

/** A non-expiring offline token traded for an expiring one; the old token stops working. */
function migrateToExpiring(
  state: EmulatorState,
  auth: AuthState,
  shop: string,
  app: AppRegistration,
  params: Params,
) {
  const old = params.subject_token ? state.tokens.get(params.subject_token) : undefined;
  const valid =
    old &&
    old.shop === shop &&
    old.apiKey === app.apiKey &&
    old.kind === "offline" &&
    !old.expiresAt;
  if (!valid) throw new OAuthError("invalid_subject_token", INVALID_SUBJECT_TOKEN);
  if (params.requested_token_type !== OFFLINE || params.expiring !== "1") {
    throw new OAuthError("invalid_request", "Only an expiring offline token can replace it.");
  }
  state.tokens.delete(params.subject_token!);
  const scopes = getShop(state, shop)!.installations.get(app.apiKey)?.scopes ?? app.scopes;
  return { ...issueExpiring(state, auth, shop, app.apiKey), scope: scopes.join(",") };
}

/** A refresh token is good once: the answer carries its replacement. */
function refresh(
  state: EmulatorState,
  auth: AuthState,
  shop: string,
  app: AppRegistration,
  params: Params,
) {
  const token = params.refresh_token;
  const grantRecord = token ? auth.refreshTokens.get(token) : undefined;
  const installation = getShop(state, shop)!.installations.get(app.apiKey);
  if (
    !grantRecord ||
    !installation ||
    grantRecord.shop !== shop ||
    grantRecord.apiKey !== app.apiKey ||
    grantRecord.expiresAt <= state.now()
  ) {
    // The answer Shopify gives for an expired, revoked or unknown refresh token.
    throw new OAuthError("invalid_grant", "Token has been expired or revoked.");
  }
  auth.refreshTokens.delete(token!);
  return { ...issueExpiring(state, auth, shop, app.apiKey), scope: installation.scopes.join(",") };
}
