import { Bars } from "./bars";
import { ChildChannel } from "./child";
import { readFrameConfig } from "./config";
import { byId } from "./dom";
import { handleNavigation } from "./navigation";
import { handlePicker } from "./picker";
import { handleToasts } from "./toasts";

// The emulator's admin page around an embedded app: answers App Bridge (session tokens, toasts,
// loading, title and save bars, navigation, resource picker) as Shopify admin does.

const config = readFrameConfig();
const frame = byId<HTMLIFrameElement>("app-frame");
const child = new ChildChannel(frame, new URL(config.applicationUrl).origin);

child.on((message) => {
  if (message.type !== "idToken") return;
  fetch(config.sessionTokenUrl, { method: "POST" })
    .then(async (response) => {
      const body = (await response.json()) as { token?: string; error?: string };
      if (!response.ok || !body.token) throw new Error(body.error ?? `HTTP ${response.status}`);
      child.send({
        type: "idToken.result",
        requestId: message.requestId,
        token: body.token,
        error: null,
      });
    })
    .catch((error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      child.send({
        type: "idToken.result",
        requestId: message.requestId,
        token: null,
        error: text,
      });
    });
});

const bars = new Bars(child, config.appTitle);
handleToasts(child);
handleNavigation(child, config, bars);
handlePicker(child, config);
