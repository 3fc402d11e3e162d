import type { ParentChannel } from "./channel";

// Navigation between the admin and the app:
// - the admin's nav items reach the app as a `shopify:navigate` event dispatched on the matching
//   <a> inside <ui-nav-menu> (what @shopify/shopify-app-remix's AppProvider listens for to route
//   client-side); with nobody listening, the admin loads the page into the frame with Shopify's
//   signed query (id_token, hmac…), as Shopify admin does: a bare reload of the link would reach
//   the app without any credential;
// - every change of the app's own URL (history API, back/forward, hash) is reported up so the
//   admin's address bar follows it, as Shopify admin does for embedded apps
//   (https://shopify.dev/docs/api/app-home/apis/navigation).

const NAVIGATE_EVENT = "shopify:navigate";
let navigateListeners = 0;

/** Count `shopify:navigate` listeners on window and document, to know whether the app routes itself. */
type Listener = EventListenerOrEventListenerObject | null;

function trackNavigateListeners(target: Window | Document): void {
  const add = target.addEventListener.bind(target) as (t: string, l: Listener, o?: unknown) => void;
  const remove = target.removeEventListener.bind(target) as (
    t: string,
    l: Listener,
    o?: unknown,
  ) => void;
  target.addEventListener = ((type: string, listener: Listener, options?: unknown) => {
    if (type === NAVIGATE_EVENT && listener) navigateListeners++;
    add(type, listener, options);
  }) as typeof target.addEventListener;
  target.removeEventListener = ((type: string, listener: Listener, options?: unknown) => {
    if (type === NAVIGATE_EVENT && listener) navigateListeners = Math.max(0, navigateListeners - 1);
    remove(type, listener, options);
  }) as typeof target.removeEventListener;
}

function navigateTo(channel: ParentChannel, href: string): void {
  const anchor = [...document.querySelectorAll<HTMLAnchorElement>("ui-nav-menu a[href]")].find(
    (a) => a.getAttribute("href") === href,
  );
  if (anchor && navigateListeners > 0) {
    anchor.dispatchEvent(new CustomEvent(NAVIGATE_EVENT, { bubbles: true, cancelable: true }));
    return;
  }
  channel.send({ type: "load", href: new URL(href, location.href).href });
}

export function syncNavigation(channel: ParentChannel): void {
  trackNavigateListeners(window);
  trackNavigateListeners(document);
  const report = () => channel.send({ type: "location", href: location.href });
  for (const method of ["pushState", "replaceState"] as const) {
    const original = history[method].bind(history);
    history[method] = (data: unknown, unused: string, url?: string | URL | null) => {
      original(data, unused, url);
      report();
    };
  }
  window.addEventListener("popstate", report);
  window.addEventListener("hashchange", report);
  channel.on((message) => {
    if (message.type === "navigate") navigateTo(channel, message.href);
  });
  report();
}
