import type { EmulatorRouter, MountContext } from "../router";
import { onStoreEvent } from "../store/context";
import { authStateOf } from "./auth-state";
import { approveAuthorization, authorizeScreen } from "./authorize";
import { revokeRefreshTokens } from "./grants";
import { handleAccessTokenRequest } from "./token-endpoint";

// Shopify's OAuth endpoints, per shop: the authorize screen and the token endpoint (code grant,
// token exchange, refresh, migration to expiring tokens).
export function mountAuth(router: EmulatorRouter, ctx: MountContext): void {
  const { state } = ctx;
  const auth = authStateOf(state);

  router.post("/store/:shop/admin/oauth/access_token", (request, { params }) =>
    handleAccessTokenRequest(request, params.shop ?? "", state, auth),
  );
  router.get("/store/:shop/admin/oauth/authorize", (_request, { params, url }) =>
    authorizeScreen(state, params.shop ?? "", url),
  );
  router.post("/store/:shop/admin/oauth/authorize", (request, { params }) =>
    approveAuthorization(state, auth, params.shop ?? "", request),
  );

  // Uninstalling revokes every grant: the store drops the access tokens, auth the refresh tokens.
  const off = onStoreEvent(state, (event) => {
    if (event.type === "app/uninstalled") revokeRefreshTokens(auth, event.shop, event.apiKey);
  });
  ctx.onClose(off);
}
