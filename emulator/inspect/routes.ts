import type { EmulatorRouter, RouteHandler } from "../router";
import type { EmulatorRuntime } from "../runtime";
import { installApp } from "../store/shops";
import { resetEmulatorState } from "../store/state";
import {
  bulkCreationsView,
  codesView,
  customersView,
  discountsView,
  InspectError,
  ordersView,
  shopsView,
} from "./views";

// GET/POST /__emulator/...: the inspection and control API for tests and the demo. Not part of
// Shopify; nothing here is reachable through the Admin API paths.

const RESERVED = new Set(["shops", "throttle", "faults", "reset", "clock"]);

function guard(handler: RouteHandler): RouteHandler {
  return async (request, ctx) => {
    try {
      return await handler(request, ctx);
    } catch (error) {
      if (error instanceof InspectError)
        return Response.json({ error: error.message }, { status: error.status });
      if (error instanceof Error) return Response.json({ error: error.message }, { status: 400 });
      throw error;
    }
  };
}

async function body(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new Error("Expected a JSON object body");
  return parsed as Record<string, unknown>;
}

function discountGid(param: string): string {
  return param.startsWith("gid://") ? param : `gid://shopify/DiscountCodeNode/${param}`;
}

export function isReservedSection(name: string): boolean {
  return RESERVED.has(name);
}

export function mountInspect(router: EmulatorRouter, runtime: EmulatorRuntime): void {
  const { state, buckets, faults } = runtime;
  router.get("/__emulator", () =>
    Response.json({
      sections: ["shops", "throttle", "faults", "clock", ...runtime.sections.keys()],
    }),
  );
  router.get("/__emulator/shops", () => Response.json(shopsView(state)));
  router.get(
    "/__emulator/shops/:shop/discounts",
    guard((_r, { params }) => Response.json(discountsView(state, params.shop ?? ""))),
  );
  router.get(
    "/__emulator/shops/:shop/discounts/:id/codes",
    guard((_r, { params, url }) => {
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? Infinity);
      return Response.json(
        codesView(state, params.shop ?? "", discountGid(params.id ?? ""), offset, limit),
      );
    }),
  );
  router.get(
    "/__emulator/shops/:shop/orders",
    guard((_r, { params }) => Response.json(ordersView(state, params.shop ?? ""))),
  );
  router.get(
    "/__emulator/shops/:shop/customers",
    guard((_r, { params }) => Response.json(customersView(state, params.shop ?? ""))),
  );
  router.get(
    "/__emulator/shops/:shop/bulk-creations",
    guard((_r, { params }) => Response.json(bulkCreationsView(state, params.shop ?? ""))),
  );
  // A token without OAuth, for tests and scripts: installs the app (default: the first known).
  router.post(
    "/__emulator/shops/:shop/tokens",
    guard(async (request, { params }) => {
      const input = await body(request);
      const apiKey = typeof input.apiKey === "string" ? input.apiKey : [...state.apps.keys()][0];
      const app = apiKey ? state.apps.get(apiKey) : undefined;
      if (!app) throw new InspectError(404, `Unknown app ${String(apiKey)}`);
      if (!state.shops.has(params.shop ?? ""))
        throw new InspectError(404, `There is no shop ${params.shop}`);
      const scopes = Array.isArray(input.scopes) ? input.scopes.map(String) : app.scopes;
      return Response.json({
        accessToken: installApp(state, params.shop ?? "", app.apiKey, scopes),
        scopes,
      });
    }),
  );
  router.get("/__emulator/throttle", () =>
    Response.json({ config: buckets.config, buckets: buckets.snapshot() }),
  );
  router.post(
    "/__emulator/throttle",
    guard(async (request) => {
      const input = await body(request);
      const next = { ...buckets.config };
      for (const key of ["maximumAvailable", "restoreRate", "maxQueryCost"] as const) {
        if (input[key] !== undefined) {
          const value = Number(input[key]);
          if (!(value > 0)) throw new Error(`${key} must be a positive number`);
          next[key] = value;
        }
      }
      buckets.config = next;
      if (input.reset === true) buckets.reset();
      return Response.json({ config: buckets.config, buckets: buckets.snapshot() });
    }),
  );
  router.get("/__emulator/faults", () =>
    Response.json({ config: faults.current, stats: faults.stats }),
  );
  router.post(
    "/__emulator/faults",
    guard(async (request) => {
      const config = faults.configure(await body(request));
      return Response.json({ config, stats: faults.stats });
    }),
  );
  router.get("/__emulator/clock", () =>
    Response.json({ manual: runtime.clock !== null, now: new Date(state.now()).toISOString() }),
  );
  router.post(
    "/__emulator/clock",
    guard(async (request) => {
      const clock = runtime.clock;
      if (!clock)
        throw new InspectError(
          409,
          "The emulator runs on the real clock; start it with a manual clock to move time.",
        );
      const input = await body(request);
      if (typeof input.advanceMs === "number") clock.advance(input.advanceMs);
      if (typeof input.set === "string") clock.set(Date.parse(input.set));
      return Response.json({ manual: true, now: new Date(clock.now()).toISOString() });
    }),
  );
  router.post("/__emulator/reset", () => {
    resetEmulatorState(state);
    buckets.reset();
    faults.configure({});
    for (const section of runtime.sections.values()) section.reset?.();
    return Response.json({ reset: true });
  });
}
