import type { BarButton, SaveBarState } from "../../app-bridge/protocol";
import type { ChildChannel } from "./child";
import { byId, confirmDialog, element } from "./dom";

// The app's title bar (title, breadcrumb, actions) under the top bar, and its contextual save
// bar, which takes over the top bar while there are unsaved changes.

function barButton(button: BarButton, onClick: () => void): HTMLButtonElement {
  const tone = button.destructive ? " critical" : button.primary ? " primary" : "";
  const el = element("button", {
    className: `btn${tone}`,
    text: button.loading ? `${button.label}…` : button.label,
  });
  el.disabled = button.disabled || button.loading;
  el.addEventListener("click", onClick);
  return el;
}

export class Bars {
  saveBar: SaveBarState | null = null;

  constructor(
    private readonly child: ChildChannel,
    private readonly appTitle: string,
  ) {
    child.on((message) => {
      if (message.type === "hello") this.showSaveBar(null);
      if (message.type === "saveBar") this.showSaveBar(message.state);
      if (message.type === "leaveConfirmation") void this.confirmLeave(message.requestId);
      if (message.type !== "titleBar") return;
      const { title, breadcrumb, buttons } = message.state;
      const heading = byId("title");
      heading.replaceChildren();
      if (breadcrumb) {
        const crumb = element("button", {
          className: "crumb",
          text: `${breadcrumb.label} ›`,
          attrs: { "aria-label": breadcrumb.label },
        });
        crumb.addEventListener("click", () => child.send({ type: "breadcrumb.click" }));
        heading.append(crumb, " ");
      }
      heading.append(title || this.appTitle);
      byId("actions").replaceChildren(
        ...buttons.map((b, index) =>
          barButton(b, () => child.send({ type: "titleBar.click", index })),
        ),
      );
    });
    byId("save").addEventListener("click", () => this.press("save"));
    byId("discard").addEventListener("click", () => void this.discard());
  }

  /** While the save bar shows, leaving the page is blocked and the bar shakes. */
  blockIfUnsaved(): boolean {
    if (!this.saveBar) return false;
    const bar = byId("savebar");
    bar.classList.remove("shake");
    void bar.offsetWidth;
    bar.classList.add("shake");
    return true;
  }

  private showSaveBar(state: SaveBarState | null): void {
    this.saveBar = state;
    byId("savebar").classList.toggle("on", state !== null);
    const save = byId<HTMLButtonElement>("save");
    const discard = byId<HTMLButtonElement>("discard");
    save.textContent = state?.save?.label || "Save";
    discard.textContent = state?.discard?.label || "Discard";
    save.disabled = !state?.save || state.save.disabled || state.save.loading;
    discard.disabled = !state?.discard || state.discard.disabled || state.discard.loading;
  }

  private press(which: "save" | "discard"): void {
    if (this.saveBar) this.child.send({ type: "saveBar.click", id: this.saveBar.id, which });
  }

  private async discard(): Promise<void> {
    if (!this.saveBar) return;
    if (this.saveBar.discardConfirmation) {
      const ok = await confirmDialog(
        "Discard all unsaved changes",
        "If you discard changes, you'll delete any edits you made since you last saved.",
        "Discard changes",
      );
      if (!ok) return;
    }
    this.press("discard");
  }

  private async confirmLeave(requestId: number): Promise<void> {
    const confirmed = await confirmDialog(
      "Leave page with unsaved changes?",
      "Leaving this page will delete all unsaved changes.",
      "Leave page",
    );
    this.child.send({ type: "leaveConfirmation.result", requestId, confirmed });
  }
}
