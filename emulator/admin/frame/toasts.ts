import type { ChildChannel } from "./child";
import { byId, element } from "./dom";

/** shopify.toast and shopify.loading, drawn in the admin. */
export function handleToasts(child: ChildChannel): void {
  const shown = new Map<string, { el: HTMLElement; timer: number }>();
  const remove = (id: string) => {
    const toast = shown.get(id);
    if (!toast) return false;
    clearTimeout(toast.timer);
    toast.el.remove();
    shown.delete(id);
    return true;
  };
  child.on((message) => {
    if (message.type === "loading") byId("loading").classList.toggle("on", message.on);
    // A new page in the frame starts without the previous page's loading bar.
    if (message.type === "hello") byId("loading").classList.remove("on");
    if (message.type === "toast.hide") remove(message.id);
    if (message.type !== "toast.show") return;
    const children: Node[] = [element("span", { text: message.message })];
    if (message.action) {
      const action = element("button", { text: message.action });
      action.addEventListener("click", () => {
        if (remove(message.id)) child.send({ type: "toast.action", id: message.id });
      });
      children.push(action);
    }
    const dismiss = element("button", { text: "×", attrs: { "aria-label": "Dismiss" } });
    dismiss.addEventListener("click", () => {
      if (remove(message.id)) child.send({ type: "toast.dismiss", id: message.id });
    });
    children.push(dismiss);
    const el = element(
      "div",
      { className: `toast${message.isError ? " error" : ""}`, attrs: { role: "status" } },
      children,
    );
    byId("toasts").append(el);
    const timer = window.setTimeout(() => {
      if (remove(message.id)) child.send({ type: "toast.dismiss", id: message.id });
    }, message.duration);
    shown.set(message.id, { el, timer });
  });
}
