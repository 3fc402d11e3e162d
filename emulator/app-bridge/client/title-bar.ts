import type { TitleBarState } from "../protocol";
import { describeButton, pressButton } from "./buttons";
import type { ParentChannel } from "./channel";

// <ui-title-bar title="…">: the page title in the admin's title bar, its <button> children as
// actions (variant="primary" is the primary one) and an <a variant="breadcrumb"> as the way back
// (https://shopify.dev/docs/api/app-bridge-library/web-components/ui-title-bar). A title bar
// inside <ui-modal> belongs to that modal, not to the page.

function pageTitleBar(): HTMLElement | null {
  return (
    [...document.querySelectorAll<HTMLElement>("ui-title-bar")].find(
      (el) => !el.closest("ui-modal"),
    ) ?? null
  );
}

function buttonsOf(bar: HTMLElement): HTMLButtonElement[] {
  return [...bar.querySelectorAll("button")];
}

export function defineTitleBar(channel: ParentChannel): void {
  const report = () => {
    const bar = pageTitleBar();
    const crumb = bar?.querySelector<HTMLAnchorElement>('a[variant="breadcrumb"]');
    const state: TitleBarState = {
      title: bar?.getAttribute("title") ?? document.title,
      breadcrumb: crumb
        ? { label: crumb.textContent?.trim() ?? "", href: crumb.getAttribute("href") ?? "" }
        : null,
      buttons: bar ? buttonsOf(bar).map(describeButton) : [],
    };
    channel.send({ type: "titleBar", state });
  };

  class UITitleBar extends HTMLElement {
    private observer: MutationObserver | null = null;
    connectedCallback(): void {
      this.style.display = "none";
      this.observer = new MutationObserver(report);
      this.observer.observe(this, {
        childList: true,
        subtree: true,
        attributes: true,
        characterData: true,
      });
      report();
    }
    disconnectedCallback(): void {
      this.observer?.disconnect();
      report();
    }
  }
  if (!customElements.get("ui-title-bar")) customElements.define("ui-title-bar", UITitleBar);

  // Without a title bar the admin shows the document's title, so follow it.
  const titleObserver = new MutationObserver(report);
  titleObserver.observe(document.head ?? document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
  });

  channel.on((message) => {
    const bar = pageTitleBar();
    if (!bar) return;
    if (message.type === "titleBar.click") pressButton(buttonsOf(bar)[message.index]);
    if (message.type === "breadcrumb.click")
      bar.querySelector<HTMLAnchorElement>('a[variant="breadcrumb"]')?.click();
  });
}
