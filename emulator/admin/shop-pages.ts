import type { EmulatorState } from "../store/context";
import type { ShopRecord } from "../store/types";
import { adminPage, escapeHtml, topBar } from "./html";
import { appPath, controlPath, sideNav } from "./nav";

// GET / (every shop the emulator holds) and GET /store/<shop> (a shop's admin home: its apps,
// with install and uninstall). The demo merchant is logged in implicitly everywhere.

export function shopsPage(state: EmulatorState): Response {
  const rows = [...state.shops.values()].map((shop) => {
    const home = `/store/${encodeURIComponent(shop.domain)}`;
    return `<tr><td><a href="${home}">${escapeHtml(shop.name)}</a></td><td>${escapeHtml(shop.domain)}</td><td>${shop.installations.size}</td></tr>`;
  });
  return adminPage(
    "Shops · Shopify emulator",
    `${topBar(null)}<div class="page"><div class="card"><h2>Shops</h2>
<table><tr><th>Shop</th><th>Domain</th><th>Apps installed</th></tr>${rows.join("")}</table></div></div>`,
  );
}

export function shopHomePage(state: EmulatorState, shop: ShopRecord): Response {
  const rows = [...state.apps.values()].map((app) => {
    const path = appPath(shop.domain, app.apiKey);
    const installed = shop.installations.has(app.apiKey);
    const action = installed
      ? `<a href="${path}">Open</a> <form method="post" action="${controlPath(shop.domain, app.apiKey, "uninstall")}" style="display:inline"><button class="btn critical">Uninstall</button></form>`
      : `<form method="post" action="${controlPath(shop.domain, app.apiKey, "install")}" style="display:inline"><button class="btn primary">Install</button></form>`;
    return `<tr><td>${escapeHtml(app.title)}</td><td>${escapeHtml(app.apiKey)}</td><td>${installed ? "Installed" : "Not installed"}</td><td>${action}</td></tr>`;
  });
  return adminPage(
    `${shop.name} · Shopify emulator`,
    `${topBar(shop.name)}<div class="layout">${sideNav(state, shop, null)}<main><div class="page">
<div class="card"><h2>Apps</h2><table><tr><th>App</th><th>Client id</th><th>Status</th><th></th></tr>${rows.join("")}</table></div>
<div class="card"><h2>Privacy requests</h2><p>Send the app Shopify's mandatory compliance webhooks for this shop.</p>
<form method="post" action="/__admin/store/${encodeURIComponent(shop.domain)}/privacy">
<select name="topic"><option value="customers/data_request">customers/data_request</option><option value="customers/redact">customers/redact</option><option value="shop/redact">shop/redact</option></select>
<select name="customerId">${[...shop.customers.values()].map((c) => `<option value="${escapeHtml(c.id)}">${escapeHtml(c.email ?? c.id)}</option>`).join("")}</select>
<button class="btn">Send</button></form></div>
</div></main></div>`,
  );
}
