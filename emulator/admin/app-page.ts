import type { EmulatorState } from "../store/context";
import type { AppRegistration, ShopRecord } from "../store/types";
import { embeddedAppUrl } from "./embed-url";
import type { FrameConfig } from "./frame/config";
import { adminPage, escapeHtml, jsonForScript, topBar } from "./html";
import { appPath, controlPath, sideNav } from "./nav";

// GET /store/<shop>/apps/<api key>[/<path>]: the admin with the app embedded, or, for an app not
// yet installed, Shopify's install screen (Shopify-managed installation: the scopes come from
// the app's configuration, https://shopify.dev/docs/apps/build/authentication-authorization/app-installation).

export async function appPage(
  state: EmulatorState,
  shop: ShopRecord,
  app: AppRegistration,
  pathInApp: string,
  query: URLSearchParams,
): Promise<Response> {
  if (!shop.installations.has(app.apiKey)) return installPrompt(state, shop, app, pathInApp);
  const src = await embeddedAppUrl(state, shop.domain, app, pathInApp, query);
  const config: FrameConfig = {
    shop: shop.domain,
    apiKey: app.apiKey,
    appTitle: app.title,
    applicationUrl: app.applicationUrl,
    adminBase: appPath(shop.domain, app.apiKey),
    sessionTokenUrl: controlPath(shop.domain, app.apiKey, "session-token"),
    resourcesUrl: controlPath(shop.domain, app.apiKey, "resources"),
  };
  return adminPage(
    `${app.title} · ${shop.name}`,
    `${topBar(shop.name)}<div class="layout">${sideNav(state, shop, app.apiKey)}<main>
<div class="titlebar" id="titlebar"><h1 id="title">${escapeHtml(app.title)}</h1><span id="actions"></span></div>
<iframe class="app" id="app-frame" title="${escapeHtml(app.title)}" src="${escapeHtml(src)}"></iframe>
</main></div><div class="toasts" id="toasts"></div><div id="overlay"></div>
<script type="application/json" id="frame-config">${jsonForScript(config)}</script>
<script src="/__admin/frame.js"></script>`,
  );
}

function installPrompt(
  state: EmulatorState,
  shop: ShopRecord,
  app: AppRegistration,
  pathInApp: string,
): Response {
  const scopes = app.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join("");
  return adminPage(
    `Install ${app.title}`,
    `${topBar(shop.name)}<div class="layout">${sideNav(state, shop, null)}<main><div class="page"><div class="card">
<h2>Install ${escapeHtml(app.title)}</h2><p>${escapeHtml(app.title)} will be able to:</p><ul>${scopes}</ul>
<form method="post" action="${controlPath(shop.domain, app.apiKey, "install")}">
<input type="hidden" name="return" value="${escapeHtml(pathInApp)}"><button class="btn primary">Install</button></form>
</div></div></main></div>`,
  );
}
