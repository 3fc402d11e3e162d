// The Shopify library's real GraphQL client talking to the emulator's real Admin endpoint (schema
// validation, cost, leaky bucket) in-process, on a virtual clock, with faults planned per request:
// what app/push/paced-admin.server.ts is unit-tested against.
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, Session, shopifyApi } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import type { AdminGraphql } from "../../app/shopify/admin-graphql";
import { adminGraphqlHandler } from "../../emulator/graphql/endpoint";
import { createEmulatorState, DEMO_SHOP, installApp } from "../../emulator/store/index";
import { LeakyBuckets, type BucketConfig } from "../../emulator/throttle/bucket";
import type { VirtualClock } from "./virtual-clock";

export type PlannedFault = "503" | "502" | "drop" | "bad-token";

export interface InProcessAdmin {
  graphql: AdminGraphql;
  buckets: LeakyBuckets;
  bucketKey: string;
  /** Faults for the next requests, consumed one per request. */
  faults: PlannedFault[];
  /** THROTTLED answers the emulator gave. */
  throttledAnswers: number;
  requests: number;
  /** Operation names in the order Shopify received them. */
  received: string[];
}

export function inProcessAdmin(clock: VirtualClock, bucket: Partial<BucketConfig>): InProcessAdmin {
  const state = createEmulatorState({ now: clock.now });
  const app = [...state.apps.values()][0];
  if (!app) throw new Error("The emulator knows no app (shopify.app.toml)");
  const token = installApp(state, DEMO_SHOP, app.apiKey, app.scopes);
  const buckets = new LeakyBuckets(
    { maximumAvailable: 1000, restoreRate: 100, maxQueryCost: 1000, ...bucket },
    clock.now,
  );
  const handler = adminGraphqlHandler({ state, buckets });
  const harness: InProcessAdmin = {
    graphql: async () => {
      throw new Error("replaced below");
    },
    buckets,
    bucketKey: `${app.apiKey}|${DEMO_SHOP}`,
    faults: [],
    throttledAnswers: 0,
    requests: 0,
    received: [],
  };
  setAbstractFetchFunc(async (input, init) => {
    const url = new URL(
      typeof input === "string" ? input : input instanceof URL ? input.href : input.url,
    );
    harness.requests += 1;
    const fault = harness.faults.shift();
    if (fault === "drop") throw new TypeError("fetch failed");
    if (fault === "503" || fault === "502") {
      return Response.json({ errors: "Service Unavailable" }, { status: Number(fault) });
    }
    const headers = new Headers(init?.headers);
    if (fault === "bad-token") headers.set("x-shopify-access-token", "shpat_not-a-token");
    const [, , , version] = url.pathname.split("/");
    const sent = JSON.parse(String(init?.body ?? "{}")) as { query?: string };
    harness.received.push(/^\s*(?:query|mutation)\s+(\w+)/.exec(sent.query ?? "")?.[1] ?? "?");
    const response = await handler(new Request(url, { ...init, headers }), {
      params: { shop: url.hostname, version: version ?? "" },
      url,
    });
    const text = await response.text();
    if (text.includes('"THROTTLED"')) harness.throttledAnswers += 1;
    return new Response(text, { status: response.status, headers: response.headers });
  });
  const api = shopifyApi({
    apiKey: app.apiKey,
    apiSecretKey: app.apiSecret,
    scopes: app.scopes,
    hostName: "onecode.example",
    apiVersion: ApiVersion.April26,
    isEmbeddedApp: true,
    logger: { level: 0 },
  });
  const session = new Session({
    id: `offline_${DEMO_SHOP}`,
    shop: DEMO_SHOP,
    state: "",
    isOnline: false,
    accessToken: token,
  });
  // What @shopify/shopify-app-remix's admin.graphql does: the library client, answer as a Response.
  harness.graphql = async (query, options) => {
    const client = new api.clients.Graphql({ session });
    const answer = await client.request(query, { variables: options?.variables });
    return new Response(JSON.stringify(answer));
  };
  return harness;
}
