import type { EmulatorRouter, MountContext } from "../router";
import { scriptResponse } from "./bundle";

export const APP_BRIDGE_ENTRY = new URL("./client/main.ts", import.meta.url);

/**
 * GET /app-bridge.js: the App Bridge stand-in the app loads (APP_BRIDGE_URL) in demos and tests
 * instead of https://cdn.shopify.com/shopifycloud/app-bridge.js.
 */
export function mountAppBridge(router: EmulatorRouter, _ctx: MountContext): void {
  router.get("/app-bridge.js", () => scriptResponse(APP_BRIDGE_ENTRY));
}
