import { adminPage, escapeHtml, topBar } from "../admin/html";
import type { EmulatorState } from "../store/context";
import { getApp, getShop } from "../store/shops";
import { AUTHORIZATION_CODE_TTL_MS, newAuthorizationCode, type AuthState } from "./auth-state";
import { adminHostParam, signQuery } from "./signed-query";

// GET /admin/oauth/authorize: the grant screen of the authorization code flow. The logged-in
// merchant approves (POST) and the browser is sent to redirect_uri with code, hmac, host, shop,
// state and timestamp (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant).
// redirect_uri must be one of the app's allowed redirection URLs; `grant_options[]=per-user`
// asks for an online token. A request that fails these checks gets Shopify's error page text.

interface AuthorizeRequest {
  shop: string;
  apiKey: string;
  scopes: string[];
  redirectUri: string;
  state: string;
  online: boolean;
}

function errorPage(status: number, message: string): Response {
  return adminPage(
    "Oauth error",
    `${topBar(null)}<div class="page"><div class="card"><h2>Oauth error ${escapeHtml(message)}</h2></div></div>`,
    "",
    status,
  );
}

function parse(
  state: EmulatorState,
  shop: string,
  params: URLSearchParams,
): AuthorizeRequest | Response {
  if (!getShop(state, shop)) return errorPage(404, `There is no shop ${shop}`);
  const app = getApp(state, params.get("client_id") ?? "");
  if (!app)
    return errorPage(400, "invalid_request: Could not find Shopify API application with api_key");
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!app.redirectUrls.includes(redirectUri)) {
    return errorPage(400, "invalid_request: The redirect_uri is not whitelisted");
  }
  const requested = (params.get("scope") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    shop,
    apiKey: app.apiKey,
    scopes: requested.length > 0 ? requested : app.scopes,
    redirectUri,
    state: params.get("state") ?? "",
    online: params.getAll("grant_options[]").includes("per-user"),
  };
}

export function authorizeScreen(state: EmulatorState, shop: string, url: URL): Response {
  const request = parse(state, shop, url.searchParams);
  if (request instanceof Response) return request;
  const app = getApp(state, request.apiKey)!;
  const hidden = [...url.searchParams]
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("");
  return adminPage(
    `Install ${app.title}`,
    `${topBar(getShop(state, shop)!.name)}<div class="page"><div class="card"><h2>Install ${escapeHtml(app.title)}</h2>
<p>${escapeHtml(app.title)} is asking to:</p><ul>${request.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join("")}</ul>
<form method="post">${hidden}<button class="btn primary">Install app</button></form></div></div>`,
  );
}

export async function approveAuthorization(
  state: EmulatorState,
  auth: AuthState,
  shop: string,
  request: Request,
): Promise<Response> {
  const form = await request.formData();
  const params = new URLSearchParams();
  for (const [k, v] of form) if (typeof v === "string") params.append(k, v);
  const parsed = parse(state, shop, params);
  if (parsed instanceof Response) return parsed;
  const app = getApp(state, parsed.apiKey)!;
  const code = newAuthorizationCode(auth, {
    shop,
    apiKey: parsed.apiKey,
    scopes: parsed.scopes,
    online: parsed.online,
    userId: auth.staff.loginFor(shop).user.id,
    expiresAt: state.now() + AUTHORIZATION_CODE_TTL_MS,
  });
  const query = signQuery(
    {
      code,
      host: adminHostParam(shop),
      shop,
      state: parsed.state,
      timestamp: String(Math.floor(state.now() / 1000)),
    },
    app.apiSecret,
  );
  return new Response(null, {
    status: 302,
    headers: { Location: `${parsed.redirectUri}?${query}` },
  });
}
