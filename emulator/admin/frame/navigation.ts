import type { NavItem } from "../../app-bridge/protocol";
import type { Bars } from "./bars";
import type { ChildChannel } from "./child";
import type { FrameConfig } from "./config";
import { byId, element } from "./dom";
import { SHOPIFY_ADDED_PARAMS } from "../shopify-params";

// The app's nav items under its name in the left navigation, the admin's address bar following
// the app's URL (/store/<shop>/apps/<key><path inside the app>), and top-level redirects the app
// asks for. Shopify admin URLs (admin.shopify.com/store/<name>/...) map onto the emulator's.

const SHOPIFY_PARAMS = new Set(SHOPIFY_ADDED_PARAMS);

export function handleNavigation(child: ChildChannel, config: FrameConfig, bars: Bars): void {
  const appBase = config.applicationUrl.replace(/\/+$/, "");
  let items: NavItem[] = [];
  let current = "";

  const render = () => {
    const links = items
      .filter((item) => !item.home)
      .map((item) => {
        const target = new URL(item.href, `${appBase}/`);
        const active = current.startsWith(target.pathname) ? " active" : "";
        const link = element("a", {
          className: `nav-item${active}`,
          text: item.label,
          attrs: { href: adminUrlOf(target.href) ?? "#" },
        });
        link.addEventListener("click", (event) => {
          event.preventDefault();
          if (!bars.blockIfUnsaved()) child.send({ type: "navigate", href: item.href });
        });
        return link;
      });
    byId("app-nav").replaceChildren(...links);
  };

  /** The admin URL showing an app URL, or null for a URL outside the app. */
  const adminUrlOf = (href: string): string | null => {
    if (!href.startsWith(appBase)) return null;
    const url = new URL(href);
    for (const name of [...url.searchParams.keys()])
      if (SHOPIFY_PARAMS.has(name)) url.searchParams.delete(name);
    const path = url.pathname.slice(new URL(appBase).pathname.replace(/\/$/, "").length);
    return `${config.adminBase}${path === "/" ? "" : path}${url.search}${url.hash}`;
  };

  child.on((message) => {
    if (message.type === "navMenu") {
      items = message.items;
      render();
    }
    if (message.type === "location") {
      current = new URL(message.href).pathname;
      const adminUrl = adminUrlOf(message.href);
      if (adminUrl) history.replaceState(null, "", adminUrl);
      render();
    }
    if (message.type === "redirect") location.assign(emulatorUrlOf(message.url));
    // The admin page of that app URL embeds it afresh with Shopify's signed query.
    if (message.type === "load") location.assign(adminUrlOf(message.href) ?? config.adminBase);
  });
}

function emulatorUrlOf(href: string): string {
  const url = new URL(href);
  const m =
    url.hostname === "admin.shopify.com" ? /^\/store\/([^/]+)(\/.*)?$/.exec(url.pathname) : null;
  if (!m) return href;
  return `/store/${m[1]}.myshopify.com${m[2] ?? ""}${url.search}${url.hash}`;
}
