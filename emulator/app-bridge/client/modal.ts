import { pressButton } from "./buttons";

// <ui-modal> and shopify.modal: a dialog with a title and footer buttons from its <ui-title-bar>
// and content from its other children (or from `content`, where the React <Modal> portals), or
// from `src` in an iframe (https://shopify.dev/docs/api/app-bridge-library/web-components/ui-modal).
// Shopify draws it over the whole admin; the stand-in draws it over the app's frame.

interface UIModalElement extends HTMLElement {
  show(): Promise<void>;
  hide(): Promise<void>;
  toggle(): Promise<void>;
}

const WIDTHS: Record<string, string> = {
  small: "380px",
  base: "620px",
  large: "980px",
  max: "100vw",
};

export function defineModal(): void {
  class UIModal extends HTMLElement implements UIModalElement {
    private readonly body = document.createElement("div");
    private dialog: HTMLDialogElement | null = null;
    private frame: HTMLIFrameElement | null = null;

    connectedCallback(): void {
      this.style.display = "none";
    }

    disconnectedCallback(): void {
      void this.hide();
    }

    get content(): HTMLElement {
      return this.body;
    }

    set content(element: HTMLElement) {
      this.body.replaceChildren(element);
    }

    get variant(): string {
      return this.getAttribute("variant") ?? "base";
    }

    set variant(value: string) {
      this.setAttribute("variant", value);
      if (this.dialog) this.dialog.style.width = WIDTHS[value] ?? WIDTHS.base!;
    }

    get src(): string | null {
      return this.getAttribute("src");
    }

    set src(value: string | null) {
      if (value === null) this.removeAttribute("src");
      else this.setAttribute("src", value);
      if (this.frame && value) this.frame.src = value;
    }

    get contentWindow(): Window | null {
      return this.frame?.contentWindow ?? null;
    }

    async show(): Promise<void> {
      if (this.dialog) return;
      const dialog = document.createElement("dialog");
      dialog.style.cssText = `width:${WIDTHS[this.variant] ?? WIDTHS.base};max-width:100vw;padding:0;border:0;border-radius:12px;box-shadow:0 20px 40px rgba(0,0,0,.3);font:14px system-ui,sans-serif`;
      const titleBar = this.querySelector("ui-title-bar");
      const header = document.createElement("header");
      header.style.cssText = "padding:12px 16px;border-bottom:1px solid #e3e3e3;font-weight:600";
      header.textContent = titleBar?.getAttribute("title") ?? "";
      dialog.append(header, this.main(), this.footer(titleBar));
      dialog.addEventListener("cancel", (event) => {
        event.preventDefault();
        void this.hide();
      });
      document.body.append(dialog);
      this.dialog = dialog;
      dialog.showModal();
      this.dispatchEvent(new Event("show"));
    }

    async hide(): Promise<void> {
      if (!this.dialog) return;
      this.dialog.close();
      this.dialog.remove();
      this.dialog = null;
      this.frame = null;
      this.dispatchEvent(new Event("hide"));
    }

    toggle(): Promise<void> {
      return this.dialog ? this.hide() : this.show();
    }

    private main(): HTMLElement {
      const main = document.createElement("div");
      main.style.cssText = "padding:16px;max-height:70vh;overflow:auto";
      if (this.src) {
        this.frame = document.createElement("iframe");
        this.frame.src = this.src;
        this.frame.style.cssText = "border:0;width:100%;height:60vh";
        main.append(this.frame);
        return main;
      }
      // Plain HTML use: the children (bar the title and save bars) are the content.
      if (!this.body.hasChildNodes()) {
        for (const child of [...this.children]) {
          if (!["UI-TITLE-BAR", "UI-SAVE-BAR"].includes(child.tagName)) this.body.append(child);
        }
      }
      main.append(this.body);
      return main;
    }

    private footer(titleBar: Element | null): HTMLElement {
      const footer = document.createElement("footer");
      footer.style.cssText =
        "display:flex;gap:8px;justify-content:flex-end;padding:12px 16px;border-top:1px solid #e3e3e3";
      for (const button of titleBar ? [...titleBar.querySelectorAll("button")] : []) {
        const copy = document.createElement("button");
        copy.textContent = button.textContent;
        copy.disabled = button.disabled;
        copy.addEventListener("click", () => pressButton(button));
        footer.append(copy);
      }
      return footer;
    }
  }
  if (!customElements.get("ui-modal")) customElements.define("ui-modal", UIModal);
}

function modalById(id: string): UIModalElement {
  const el = document.getElementById(id);
  if (!el || el.tagName.toLowerCase() !== "ui-modal") {
    throw new Error(`App Bridge: no <ui-modal id="${id}"> in the document`);
  }
  return el as UIModalElement;
}

export const modalApi = {
  show: (id: string) => modalById(id).show(),
  hide: (id: string) => modalById(id).hide(),
  toggle: (id: string) => modalById(id).toggle(),
};
