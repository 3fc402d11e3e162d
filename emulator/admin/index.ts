import { scriptResponse } from "../app-bridge/bundle";
import type { PickerType } from "../app-bridge/protocol";
import type { EmulatorRouter, MountContext, RouteContext } from "../router";
import type { EmulatorState } from "../store/context";
import { getApp, getShop, installApp, uninstallApp } from "../store/shops";
import type { AppRegistration, ShopRecord } from "../store/types";
import { appPage } from "./app-page";
import { sessionTokenFor } from "./embed-url";
import { adminPage, escapeHtml } from "./html";
import { appPath } from "./nav";
import { pickerResources } from "./picker-resources";
import { shopHomePage, shopsPage } from "./shop-pages";

// The emulator's Shopify admin: the shop list, each shop's home with its apps, the page that
// embeds an app, and the admin's own endpoints under /__admin (install, uninstall, session
// tokens and resource picker data for the frame script). The demo merchant is logged in
// implicitly: every shop's admin is open to the browser.

const FRAME_ENTRY = new URL("./frame/main.ts", import.meta.url);
const PICKER_TYPES: PickerType[] = ["product", "variant", "collection"];

function notFound(what: string): Response {
  return adminPage(
    "Not found",
    `<div class="page"><div class="card"><h2>${escapeHtml(what)}</h2></div></div>`,
    "",
    404,
  );
}

type Found = { shop: ShopRecord; app: AppRegistration } | Response;

function shopAndApp(state: EmulatorState, params: Record<string, string>): Found {
  const shop = getShop(state, params.shop ?? "");
  if (!shop) return notFound(`There is no shop ${params.shop ?? ""}`);
  const app = getApp(state, params.apiKey ?? "");
  if (!app) return notFound(`There is no app with client id ${params.apiKey ?? ""}`);
  return { shop, app };
}

function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location } });
}

export function mountAdmin(router: EmulatorRouter, ctx: MountContext): void {
  const { state } = ctx;

  router.get("/", () => shopsPage(state));
  router.get("/store/:shop", (_req, { params }) => {
    const shop = getShop(state, params.shop ?? "");
    return shop ? shopHomePage(state, shop) : notFound(`There is no shop ${params.shop ?? ""}`);
  });

  const openApp = (_req: Request, { params, url }: RouteContext) => {
    const found = shopAndApp(state, params);
    if (found instanceof Response) return found;
    const rest = params["*"];
    return appPage(state, found.shop, found.app, rest ? `/${rest}` : "", url.searchParams);
  };
  router.get("/store/:shop/apps/:apiKey", openApp);
  router.get("/store/:shop/apps/:apiKey/*", openApp);

  router.post("/__admin/store/:shop/apps/:apiKey/install", async (request, { params }) => {
    const found = shopAndApp(state, params);
    if (found instanceof Response) return found;
    installApp(state, found.shop.domain, found.app.apiKey, found.app.scopes);
    const back = String((await request.formData().catch(() => null))?.get("return") ?? "");
    return redirect(
      `${appPath(found.shop.domain, found.app.apiKey)}${back.startsWith("/") ? back : ""}`,
    );
  });

  router.post("/__admin/store/:shop/apps/:apiKey/uninstall", (_req, { params }) => {
    const found = shopAndApp(state, params);
    if (found instanceof Response) return found;
    // The store revokes the app's tokens and emits app/uninstalled, which the webhooks part delivers.
    uninstallApp(state, found.shop.domain, found.app.apiKey);
    return redirect(`/store/${encodeURIComponent(found.shop.domain)}`);
  });

  router.post("/__admin/store/:shop/apps/:apiKey/session-token", async (_req, { params }) => {
    const found = shopAndApp(state, params);
    if (found instanceof Response) return found;
    if (!found.shop.installations.has(found.app.apiKey)) {
      return Response.json({ error: "The app is not installed on this shop" }, { status: 403 });
    }
    const token = await sessionTokenFor(state, found.shop.domain, found.app);
    return Response.json({ token }, { headers: { "Cache-Control": "no-store" } });
  });

  router.get("/__admin/store/:shop/apps/:apiKey/resources", (_req, { params, url }) => {
    const found = shopAndApp(state, params);
    if (found instanceof Response) return found;
    const type = url.searchParams.get("type") as PickerType;
    if (!PICKER_TYPES.includes(type)) {
      return Response.json(
        { error: `type must be one of ${PICKER_TYPES.join(", ")}` },
        { status: 400 },
      );
    }
    const answer = pickerResources(
      found.shop,
      found.app.apiKey,
      type,
      url.searchParams.get("query") ?? "",
    );
    return answer.ok
      ? Response.json({ resources: answer.resources })
      : Response.json({ error: answer.error }, { status: 403 });
  });

  router.get("/__admin/frame.js", () => scriptResponse(FRAME_ENTRY));
}
