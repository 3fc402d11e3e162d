import type { SaveBarState } from "../protocol";
import { describeButton, pressButton } from "./buttons";
import type { ParentChannel } from "./channel";

// <ui-save-bar id="…"> and shopify.saveBar: the admin's contextual save bar. Its
// <button variant="primary"> is Save, the other <button> is Discard; the admin's buttons press
// the app's. `discardConfirmation` makes the admin ask before discarding
// (https://shopify.dev/docs/api/app-bridge-library/web-components/ui-save-bar).

let visible: UISaveBarElement | null = null;

interface UISaveBarElement extends HTMLElement {
  show(): Promise<void>;
  hide(): Promise<void>;
  toggle(): Promise<void>;
  readonly showing: boolean;
  discardConfirmation: boolean;
}

function saveButton(bar: HTMLElement): HTMLButtonElement | undefined {
  return bar.querySelector<HTMLButtonElement>('button[variant="primary"]') ?? undefined;
}

function discardButton(bar: HTMLElement): HTMLButtonElement | undefined {
  return [...bar.querySelectorAll("button")].find((b) => b.getAttribute("variant") !== "primary");
}

function stateOf(bar: UISaveBarElement): SaveBarState {
  const save = saveButton(bar);
  const discard = discardButton(bar);
  return {
    id: bar.id,
    discardConfirmation: bar.discardConfirmation,
    save: save ? describeButton(save) : null,
    discard: discard ? describeButton(discard) : null,
  };
}

export function defineSaveBar(channel: ParentChannel): void {
  class UISaveBar extends HTMLElement implements UISaveBarElement {
    private observer = new MutationObserver(() => {
      if (visible === this) channel.send({ type: "saveBar", state: stateOf(this) });
    });

    connectedCallback(): void {
      this.style.display = "none";
      this.observer.observe(this, {
        childList: true,
        subtree: true,
        attributes: true,
        characterData: true,
      });
    }

    disconnectedCallback(): void {
      this.observer.disconnect();
      if (visible === this) void this.hide();
    }

    get showing(): boolean {
      return visible === this;
    }

    get discardConfirmation(): boolean {
      return this.hasAttribute("discardconfirmation");
    }

    set discardConfirmation(on: boolean) {
      this.toggleAttribute("discardconfirmation", on);
    }

    async show(): Promise<void> {
      if (visible === this) return;
      if (visible) await visible.hide();
      // Shopify shows one save bar at a time, so the visible one is tracked module-wide.
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      visible = this;
      channel.send({ type: "saveBar", state: stateOf(this) });
      this.dispatchEvent(new Event("show"));
    }

    async hide(): Promise<void> {
      if (visible !== this) return;
      visible = null;
      channel.send({ type: "saveBar", state: null });
      this.dispatchEvent(new Event("hide"));
    }

    toggle(): Promise<void> {
      return visible === this ? this.hide() : this.show();
    }
  }
  if (!customElements.get("ui-save-bar")) customElements.define("ui-save-bar", UISaveBar);

  channel.on((message) => {
    if (message.type !== "saveBar.click" || !visible || visible.id !== message.id) return;
    pressButton(message.which === "save" ? saveButton(visible) : discardButton(visible));
  });
}

function barById(id: string): UISaveBarElement {
  const el = document.getElementById(id);
  if (!el || el.tagName.toLowerCase() !== "ui-save-bar") {
    throw new Error(`App Bridge: no <ui-save-bar id="${id}"> in the document`);
  }
  return el as UISaveBarElement;
}

export function saveBarApi(channel: ParentChannel) {
  return {
    show: (id: string) => barById(id).show(),
    hide: (id: string) => barById(id).hide(),
    toggle: (id: string) => barById(id).toggle(),
    /** Resolves at once without a visible save bar, else once the merchant agrees to leave. */
    leaveConfirmation: async (): Promise<void> => {
      if (!visible) return;
      const answer = await channel.request(
        (requestId) => ({ type: "leaveConfirmation", requestId }),
        "leaveConfirmation.result",
      );
      if (!answer.confirmed) return new Promise<void>(() => {});
    },
  };
}
