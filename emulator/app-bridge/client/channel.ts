import { CHANNEL, isEnvelope, type ChildMessage, type ParentMessage } from "../protocol";

type ResultOf<T extends ParentMessage["type"]> = Extract<ParentMessage, { type: T }>;

/** The app frame's line to the admin page around it; only the admin's own messages are heard. */
export class ParentChannel {
  private nextRequestId = 1;
  private readonly listeners = new Set<(message: ParentMessage) => void>();

  constructor(readonly adminOrigin: string) {
    window.addEventListener("message", (event) => {
      if (event.source !== window.parent || event.origin !== adminOrigin) return;
      if (!isEnvelope<ParentMessage>(event.data)) return;
      for (const listener of this.listeners) listener(event.data);
    });
  }

  get embedded(): boolean {
    return window.parent !== window;
  }

  send(message: ChildMessage): void {
    if (!this.embedded) return;
    window.parent.postMessage({ ...message, channel: CHANNEL }, this.adminOrigin);
  }

  on(listener: (message: ParentMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Send a request and wait for the admin's answer carrying the same requestId. */
  request<T extends ParentMessage["type"]>(
    build: (requestId: number) => ChildMessage,
    answer: T,
  ): Promise<ResultOf<T>> {
    if (!this.embedded) {
      return Promise.reject(new Error("App Bridge: the app is not embedded in the Shopify admin"));
    }
    const requestId = this.nextRequestId++;
    return new Promise((resolve) => {
      const off = this.on((message) => {
        if (message.type !== answer || !("requestId" in message)) return;
        if (message.requestId !== requestId) return;
        off();
        resolve(message as ResultOf<T>);
      });
      this.send(build(requestId));
    });
  }
}
