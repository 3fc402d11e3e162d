import type { NavItem } from "../protocol";
import type { ParentChannel } from "./channel";

// <ui-nav-menu>: its <a> children become the app's items in the admin's left navigation; the
// one with rel="home" names the app's root and is not listed
// (https://shopify.dev/docs/api/app-bridge-library/web-components/ui-nav-menu).

export function defineNavMenu(channel: ParentChannel): void {
  class UINavMenu extends HTMLElement {
    private observer: MutationObserver | null = null;

    connectedCallback(): void {
      this.style.display = "none";
      this.observer = new MutationObserver(() => this.report());
      this.observer.observe(this, {
        childList: true,
        subtree: true,
        attributes: true,
        characterData: true,
      });
      this.report();
    }

    disconnectedCallback(): void {
      this.observer?.disconnect();
      channel.send({ type: "navMenu", items: [] });
    }

    private report(): void {
      const items: NavItem[] = [...this.querySelectorAll("a")].map((a) => ({
        label: a.textContent?.trim() ?? "",
        href: a.getAttribute("href") ?? "",
        home: a.getAttribute("rel") === "home",
      }));
      channel.send({ type: "navMenu", items });
    }
  }
  if (!customElements.get("ui-nav-menu")) customElements.define("ui-nav-menu", UINavMenu);
}
