import type { ParentChannel } from "./channel";

// shopify.toast: show(message, {duration = 5000, isError, action, onAction, onDismiss}) returns
// the toast's id; hide(id) removes it (https://shopify.dev/docs/api/app-home/apis/toast).

interface ToastOptions {
  duration?: number;
  isError?: boolean;
  action?: string;
  onAction?: () => void;
  onDismiss?: () => void;
}

export function toastApi(channel: ParentChannel) {
  let next = 1;
  const callbacks = new Map<string, ToastOptions>();
  channel.on((message) => {
    if (message.type !== "toast.action" && message.type !== "toast.dismiss") return;
    const options = callbacks.get(message.id);
    callbacks.delete(message.id);
    if (message.type === "toast.action") options?.onAction?.();
    else options?.onDismiss?.();
  });
  return {
    show(message: string, options: ToastOptions = {}): string {
      const id = `toast-${next++}`;
      callbacks.set(id, options);
      channel.send({
        type: "toast.show",
        id,
        message: String(message),
        duration: options.duration ?? 5000,
        isError: options.isError ?? false,
        action: options.action ?? null,
      });
      return id;
    },
    hide(id: string): void {
      callbacks.delete(id);
      channel.send({ type: "toast.hide", id });
    },
  };
}

/** shopify.loading(on?): the admin's loading bar; no argument means on. */
export function loadingApi(channel: ParentChannel) {
  return (on?: boolean) => channel.send({ type: "loading", on: on ?? true });
}
