import type { ParentChannel } from "./channel";
import type { BridgeConfig } from "./config";
import { SHOPIFY_ADDED_PARAMS } from "../../admin/shopify-params";

// Leaving the iframe. A cross-origin frame may not navigate the top window on its own, so App
// Bridge carries `window.open(url, "_top")` and links with target="_top" to the admin, which
// navigates itself (the library's exit-iframe page relies on this). And an app page opened
// outside the admin is sent back into it, unless `auto-redirect` is disabled
// (https://shopify.dev/docs/api/app-home/apis/config).

const TOP_TARGETS = new Set(["_top", "_parent"]);

export function carryTopNavigation(channel: ParentChannel): void {
  const open = window.open.bind(window);
  window.open = (url?: string | URL, target?: string, features?: string) => {
    if (url !== undefined && target && TOP_TARGETS.has(target) && channel.embedded) {
      channel.send({ type: "redirect", url: new URL(url, location.href).href });
      return null;
    }
    return open(url, target, features);
  };
  document.addEventListener("click", (event) => {
    const anchor = (event.target as Element | null)?.closest?.("a[target]");
    if (!(anchor instanceof HTMLAnchorElement) || !TOP_TARGETS.has(anchor.target)) return;
    if (!channel.embedded || event.defaultPrevented) return;
    event.preventDefault();
    channel.send({ type: "redirect", url: anchor.href });
  });
}

/** True when the page was sent into the admin (and should do nothing else). */
export function redirectIntoAdmin(config: BridgeConfig, channel: ParentChannel): boolean {
  if (channel.embedded || !config.shop || config.disabledFeatures.includes("auto-redirect"))
    return false;
  const query = new URLSearchParams(location.search);
  for (const name of SHOPIFY_ADDED_PARAMS) query.delete(name);
  const rest = query.toString();
  const path = `${location.pathname === "/" ? "" : location.pathname}${rest ? `?${rest}` : ""}`;
  location.assign(`${channel.adminOrigin}/store/${config.shop}/apps/${config.apiKey}${path}`);
  return true;
}
