import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { DEFAULT_MOUNTS, startEmulator } from "../server";
import { loadAppRegistration } from "../store/app-config";
import { createEmulatorState } from "../store/state";
import { CHANNEL } from "./protocol";

// The served script, run in a bare VM with just the browser surface it touches at load: it must
// build `window.shopify` from the script tag and URL, and speak only to the admin that served it.
// (The full behaviour is driven in Chromium by app-bridge.browser.test.ts.)

const ADMIN = "http://emulator.test";

function fakeBrowser(search: string) {
  const posted: { message: Record<string, unknown>; origin: string }[] = [];
  const listeners: Record<string, ((event: unknown) => void)[]> = {};
  const parent = {
    postMessage: (message: Record<string, unknown>, origin: string) =>
      posted.push({ message, origin }),
  };
  const storage = new Map<string, string>();
  class HTMLElement {}
  const window: Record<string, unknown> = {
    parent,
    location: Object.assign(new URL(`http://app.test/app${search}`), { assign() {}, replace() {} }),
    sessionStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => storage.set(k, v),
    },
    addEventListener: (type: string, fn: (event: unknown) => void) =>
      (listeners[type] ??= []).push(fn),
    removeEventListener() {},
    history: { pushState() {}, replaceState() {} },
    fetch: () => Promise.reject(new Error("no network in the VM")),
    open: () => null,
    customElements: { get: () => undefined, define() {} },
    MutationObserver: class {
      observe() {}
    },
    HTMLElement,
    HTMLAnchorElement: class extends HTMLElement {},
    document: {
      currentScript: { src: `${ADMIN}/app-bridge.js`, dataset: { apiKey: "onecode-demo-api-key" } },
      querySelector: () => null,
      querySelectorAll: () => [],
      head: {},
      documentElement: {},
      title: "OneCode",
      addEventListener() {},
      removeEventListener() {},
    },
    console,
    URL,
    URLSearchParams,
    Request,
    Headers,
    Promise,
    CustomEvent: class {},
    Event: class {},
  };
  window.window = window;
  window.self = window;
  return {
    window,
    posted,
    dispatch: (data: unknown, origin: string, source: unknown = parent) =>
      listeners.message?.forEach((fn) => fn({ data, origin, source })),
  };
}

describe("the served App Bridge script", () => {
  it("serves as JavaScript and builds window.shopify from the script tag and the URL", async () => {
    const state = createEmulatorState({ apps: [loadAppRegistration({ env: {} })] });
    const emulator = await startEmulator({ port: 0, state, mounts: DEFAULT_MOUNTS });
    const response = await fetch(`${emulator.url}/app-bridge.js`);
    const script = await response.text();
    await emulator.close();
    expect(response.headers.get("content-type")).toContain("javascript");

    const browser = fakeBrowser("?shop=onecode-demo.myshopify.com&host=YWRtaW4&embedded=1");
    runInNewContext(script, browser.window);
    const shopify = browser.window.shopify as {
      config: Record<string, unknown>;
      idToken(): Promise<string>;
    };
    expect(shopify.config).toMatchObject({
      apiKey: "onecode-demo-api-key",
      shop: "onecode-demo.myshopify.com",
      host: "YWRtaW4",
    });
    // It greets the admin that served it, and no one else.
    expect(browser.posted[0]).toMatchObject({
      message: { channel: CHANNEL, type: "location" },
      origin: ADMIN,
    });
    expect(browser.posted.map((p) => p.message.type)).toContain("hello");

    const token = shopify.idToken();
    const request = browser.posted.at(-1)!.message;
    expect(request).toMatchObject({ type: "idToken", channel: CHANNEL });
    const answer = {
      channel: CHANNEL,
      type: "idToken.result",
      requestId: request.requestId,
      error: null,
    };
    browser.dispatch({ ...answer, token: "from-elsewhere" }, "http://evil.test");
    browser.dispatch({ ...answer, token: "from-admin" }, ADMIN);
    await expect(token).resolves.toBe("from-admin");
    expect(() =>
      (shopify as unknown as { scanner: { capture(): void } }).scanner.capture(),
    ).toThrow(/not emulated/);
  });
});
