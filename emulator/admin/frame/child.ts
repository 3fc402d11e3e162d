import {
  CHANNEL,
  isEnvelope,
  type ChildMessage,
  type ParentMessage,
} from "../../app-bridge/protocol";

/** The admin's line to the app's iframe; only the app's own origin is heard and written to. */
export class ChildChannel {
  private readonly handlers = new Set<(message: ChildMessage) => void>();

  constructor(
    private readonly frame: HTMLIFrameElement,
    readonly appOrigin: string,
  ) {
    window.addEventListener("message", (event) => {
      if (event.source !== frame.contentWindow || event.origin !== appOrigin) return;
      if (!isEnvelope<ChildMessage>(event.data)) return;
      for (const handler of this.handlers) handler(event.data);
    });
  }

  on(handler: (message: ChildMessage) => void): void {
    this.handlers.add(handler);
  }

  send(message: ParentMessage): void {
    this.frame.contentWindow?.postMessage({ ...message, channel: CHANNEL }, this.appOrigin);
  }
}
