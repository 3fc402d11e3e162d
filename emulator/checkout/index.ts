// The emulator's checkout: POST /store/<shop>/checkout takes a JSON cart and
// places the order; GET shows a page to build one by hand. See checkout.ts for the steps.
import type { EmulatorRouter, MountContext } from "../router";
import { getShop } from "../store/shops";
import type { CheckoutRequest } from "./cart";
import { runCheckout } from "./checkout";
import { FunctionRegistry } from "./functions";
import { checkoutPage } from "./page";
import { announceOrderChanges } from "./order-changes";
import { mountOrderRoutes } from "./order-routes";

export { runCheckout } from "./checkout";
export { FunctionRegistry } from "./functions";

export interface CheckoutOptions {
  /** Where the app's extensions live (default: this repository's extensions/). */
  extensionsDir?: string;
}

export function mountCheckout(
  router: EmulatorRouter,
  ctx: MountContext,
  options: CheckoutOptions = {},
): void {
  const registry = new FunctionRegistry(options.extensionsDir);
  ctx.onClose(announceOrderChanges(ctx.state));
  mountOrderRoutes(router, ctx.state);
  router.get("/store/:shop/checkout", (_request, { params }) => {
    const shop = getShop(ctx.state, params.shop ?? "");
    if (!shop) return new Response(`There is no shop ${params.shop}`, { status: 404 });
    return new Response(checkoutPage(shop), {
      headers: { "Content-Type": "text/html; charset=utf-8" },
    });
  });
  router.post("/store/:shop/checkout", async (request, { params }) => {
    let body: CheckoutRequest;
    try {
      body = (await request.json()) as CheckoutRequest;
    } catch {
      return Response.json({ errors: ["Send the cart as a JSON object."] }, { status: 400 });
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      return Response.json({ errors: ["Send the cart as a JSON object."] }, { status: 400 });
    }
    const result = await runCheckout(ctx.state, registry, params.shop ?? "", body);
    return Response.json(result.body, { status: result.status });
  });
}
