// Small DOM helpers for the admin frame script.

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`Admin frame: #${id} is missing`);
  return el as T;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  children: Node[] = [],
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.className) el.className = props.className;
  if (props.text !== undefined) el.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

/** The admin's own confirmation dialog (not window.confirm, so scripted browsers can answer it). */
export function confirmDialog(
  title: string,
  message: string,
  confirmLabel: string,
): Promise<boolean> {
  return new Promise((resolve) => {
    const cancel = element("button", { className: "btn", text: "Cancel" });
    const ok = element("button", { className: "btn critical", text: confirmLabel });
    const backdrop = element(
      "div",
      { className: "backdrop", attrs: { role: "dialog", "aria-label": title } },
      [
        element("div", { className: "dialog" }, [
          element("header", { text: title }),
          element("div", { className: "body" }, [element("p", { text: message })]),
          element("footer", {}, [cancel, ok]),
        ]),
      ],
    );
    const close = (answer: boolean) => {
      backdrop.remove();
      resolve(answer);
    };
    cancel.addEventListener("click", () => close(false));
    ok.addEventListener("click", () => close(true));
    byId("overlay").append(backdrop);
  });
}
