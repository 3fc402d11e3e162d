import type { ShopRecord } from "../store/types";
import type { EmulatorState } from "../store/context";
import { escapeHtml } from "./html";

// The admin's left navigation: Home, Orders, Shopify's other sections (not emulated, so inert), then the apps
// installed on the shop. The open app's own items (from its <ui-nav-menu>) are filled in by the
// frame script under it.

const SHOPIFY_SECTIONS = ["Products", "Customers", "Discounts", "Analytics"];

export function appPath(shop: string, apiKey: string): string {
  return `/store/${encodeURIComponent(shop)}/apps/${encodeURIComponent(apiKey)}`;
}

/** The admin's own endpoints for an app (install, uninstall, session tokens, picker data). */
export function controlPath(shop: string, apiKey: string, action: string): string {
  return `/__admin${appPath(shop, apiKey)}/${action}`;
}

/** `openApiKey`: the app open in the admin, if any; `page`: the admin's own page shown otherwise. */
export function sideNav(
  state: EmulatorState,
  shop: ShopRecord,
  openApiKey: string | null,
  page: "home" | "orders" = "home",
): string {
  const apps = [...shop.installations.keys()].map((apiKey) => {
    const title = state.apps.get(apiKey)?.title ?? apiKey;
    const active = apiKey === openApiKey ? " active" : "";
    const sub = apiKey === openApiKey ? `<div class="sub" id="app-nav"></div>` : "";
    return `<a class="app${active}" href="${appPath(shop.domain, apiKey)}">${escapeHtml(title)}</a>${sub}`;
  });
  return `<nav class="side" aria-label="Admin">
<a href="/store/${encodeURIComponent(shop.domain)}"${!openApiKey && page === "home" ? ' class="active"' : ""}>Home</a>
<a href="/store/${encodeURIComponent(shop.domain)}/orders"${!openApiKey && page === "orders" ? ' class="active"' : ""}>Orders</a>
${SHOPIFY_SECTIONS.map((s) => `<span title="Not emulated">${s}</span>`).join("\n")}
<div class="section">Apps</div>${apps.join("\n") || "<span>No apps installed</span>"}
</nav>`;
}
