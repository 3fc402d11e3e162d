import { bounceIfAsked } from "./bounce";
import { ParentChannel } from "./channel";
import { readConfig } from "./config";
import { interceptFetch } from "./fetch";
import { idTokenApi } from "./id-token";
import { defineModal, modalApi } from "./modal";
import { defineNavMenu } from "./nav-menu";
import { syncNavigation } from "./navigation";
import { resourcePickerApi } from "./resource-picker";
import { defineSaveBar, saveBarApi } from "./save-bar";
import { defineTitleBar } from "./title-bar";
import { loadingApi, toastApi } from "./toast";
import { carryTopNavigation, redirectIntoAdmin } from "./top-level";

// The emulator's stand-in for Shopify's App Bridge script (cdn.shopify.com/shopifycloud/app-bridge.js):
// the `shopify` global and the ui-* elements the embedded app uses, talking to the emulator's
// admin page instead of Shopify admin. It is served only by the emulator, for demos and tests.

// The admin is whoever served this script: the emulator.
const script = document.currentScript as HTMLScriptElement | null;
const adminOrigin = script?.src ? new URL(script.src).origin : location.origin;
const config = readConfig(script);
const channel = new ParentChannel(adminOrigin);
const idToken = idTokenApi(channel);

function notEmulated(name: string): never {
  throw new Error(`App Bridge stand-in: shopify.${name} is not emulated`);
}

function notEmulatedNamespace(name: string): object {
  return new Proxy(
    {},
    {
      get: (_target, prop) =>
        prop === "then" ? undefined : notEmulated(`${name}.${String(prop)}`),
    },
  );
}

const shopify = {
  config,
  origin: adminOrigin,
  ready: Promise.resolve(),
  environment: { mobile: false, embedded: channel.embedded, pos: false },
  idToken,
  toast: toastApi(channel),
  loading: loadingApi(channel),
  saveBar: saveBarApi(channel),
  modal: modalApi,
  resourcePicker: resourcePickerApi(channel),
  user: () => Promise.reject(new Error("App Bridge stand-in: shopify.user is not emulated")),
  setSignals: () => notEmulated("setSignals"),
  scanner: notEmulatedNamespace("scanner"),
  pos: notEmulatedNamespace("pos"),
  intents: notEmulatedNamespace("intents"),
  webVitals: notEmulatedNamespace("webVitals"),
  support: notEmulatedNamespace("support"),
  reviews: notEmulatedNamespace("reviews"),
  scopes: notEmulatedNamespace("scopes"),
  picker: () => notEmulated("picker"),
  app: notEmulatedNamespace("app"),
  shopifyQL: notEmulatedNamespace("shopifyQL"),
  tools: notEmulatedNamespace("tools"),
};
Object.defineProperty(window, "shopify", { value: shopify, configurable: true });

if (!redirectIntoAdmin(config, channel)) {
  defineNavMenu(channel);
  defineTitleBar(channel);
  defineSaveBar(channel);
  defineModal();
  interceptFetch(config, channel, idToken);
  carryTopNavigation(channel);
  syncNavigation(channel);
  channel.send({ type: "hello", href: location.href });
  bounceIfAsked(idToken).catch((error: unknown) => console.error(error));
}
