import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mountAdmin } from "./admin/index";
import { mountAppBridge } from "./app-bridge/index";
import { mountAuth } from "./auth/index";
import { mountCheckout } from "./checkout/index";
import { manualClock, type ManualClock } from "./clock";
import { Faults, type FaultConfig } from "./faults/faults";
import { adminGraphqlHandler } from "./graphql/endpoint";
import { loadAdminSchema } from "./graphql/schema";
import { isReservedSection, mountInspect } from "./inspect/routes";
import { Router, type EmulatorMount, type MountContext } from "./router";
import type { EmulatorRuntime, InspectSection } from "./runtime";
import { loadAppRegistration } from "./store/app-config";
import type { EmulatorState } from "./store/context";
import { createEmulatorState, type EmulatorStateOptions } from "./store/state";
import { keepStateInFile } from "./store/state-file";
import { LeakyBuckets, STANDARD_PLAN_BUCKET, type BucketConfig } from "./throttle/bucket";
import { mountWebhooks } from "./webhooks/index";

export interface StartEmulatorOptions {
  /** Default: EMULATOR_PORT or 8787; 0 picks a free port (tests). */
  port?: number;
  /** Interface to listen on. Default: all interfaces. */
  host?: string;
  /** An existing state to serve, or options for a new one. */
  state?: EmulatorState | EmulatorStateOptions;
  /** shopify.app.toml to read the app from (default: the repo's). */
  appConfigPath?: string;
  /** Clock: a function (epoch ms), or "manual" for one moved through POST /__emulator/clock. */
  clock?: (() => number) | ManualClock | "manual";
  /** Leaky bucket: size, restore rate, single-query cost limit. Default: Shopify's Standard plan. */
  bucket?: Partial<BucketConfig>;
  /** Shorthand for bucket.restoreRate. */
  restoreRate?: number;
  /** Fault injection on the Admin API paths (default: none). */
  faults?: Partial<FaultConfig>;
  /** The emulator's parts to mount. Default: every part (DEFAULT_MOUNTS). */
  mounts?: EmulatorMount[];
  /** Keep the shops in this file: restored from it on start, saved to it as they change. */
  stateFile?: string;
}

export interface RunningEmulator {
  url: string;
  port: number;
  state: EmulatorState;
  runtime: EmulatorRuntime;
  close(): Promise<void>;
}

/** The parts beside the core (Admin GraphQL, throttle, faults, inspection), on the shared router. */
export const DEFAULT_MOUNTS: EmulatorMount[] = [
  mountAuth,
  mountAdmin,
  mountAppBridge,
  mountWebhooks,
  (router, ctx) => mountCheckout(router, ctx),
];

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
  });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = name === "set-cookie" ? response.headers.getSetCookie() : value;
  });
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

const REASONS: Record<number, string> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

function resolveClock(option: StartEmulatorOptions["clock"]): {
  now: () => number;
  manual: ManualClock | null;
} {
  if (option === "manual") {
    const clock = manualClock(Date.now());
    return { now: clock.now, manual: clock };
  }
  if (typeof option === "function") return { now: option, manual: null };
  if (option) return { now: option.now, manual: option };
  return { now: Date.now, manual: null };
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const clock = resolveClock(options.clock);
  const state =
    options.state && "shops" in options.state
      ? options.state
      : createEmulatorState({
          now: clock.now,
          apps: options.appConfigPath
            ? [loadAppRegistration({ appConfigPath: options.appConfigPath })]
            : undefined,
          ...(options.state as EmulatorStateOptions | undefined),
        });
  const stateFile = options.stateFile ? keepStateInFile(state, options.stateFile) : null;
  const bucketConfig = { ...STANDARD_PLAN_BUCKET, ...options.bucket };
  if (options.restoreRate !== undefined) bucketConfig.restoreRate = options.restoreRate;
  const runtime: EmulatorRuntime = {
    state,
    buckets: new LeakyBuckets(bucketConfig, state.now),
    faults: new Faults(options.faults),
    clock: clock.manual,
    sections: new Map(),
  };
  loadAdminSchema();

  const router = new Router();
  const closers: (() => void | Promise<void>)[] = [];
  let url = "";
  router.post("/store/:shop/admin/api/:version/graphql.json", adminGraphqlHandler(runtime));
  mountInspect(router, runtime);
  const ctx: MountContext = {
    state,
    baseUrl: () => url,
    onClose: (fn) => closers.push(fn),
    inspect: (name: string, section: InspectSection) => {
      if (isReservedSection(name) || runtime.sections.has(name))
        throw new Error(`Inspection section "${name}" is taken`);
      runtime.sections.set(name, section);
      router.get(`/__emulator/${name}`, () => Response.json(section.read()));
    },
  };
  for (const mount of options.mounts ?? DEFAULT_MOUNTS) await mount(router, ctx);

  const server = createServer((req, res) => {
    void (async () => {
      const pathname = new URL(req.url ?? "/", "http://emulator").pathname;
      const fault = runtime.faults.decide(pathname);
      if (fault?.kind === "drop") {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === "slow") await new Promise((resolve) => setTimeout(resolve, fault.ms));
      const request = await toRequest(req, url);
      if (fault?.kind === "error") {
        await send(
          res,
          Response.json(
            { errors: REASONS[fault.status] ?? "Server Error" },
            { status: fault.status },
          ),
        );
        return;
      }
      const match = router.match(request.method, pathname);
      if (match === null || match === "method") {
        await send(res, Response.json({ errors: "Not Found" }, { status: match ? 405 : 404 }));
        return;
      }
      try {
        await send(
          res,
          await match.handler(request, { params: match.params, url: new URL(request.url) }),
        );
        // Every change to a shop comes with a request that is not a GET (installs, Admin API
        // calls, which also run due jobs, checkouts, order changes).
        if (request.method !== "GET" && request.method !== "HEAD") stateFile?.changed();
      } catch (error) {
        console.error(`[emulator] ${request.method} ${pathname} failed:`, error);
        await send(
          res,
          Response.json({ errors: `Emulator failure: ${String(error)}` }, { status: 500 }),
        );
      }
    })().catch((error: unknown) => {
      console.error("[emulator] could not answer:", error);
      res.destroy();
    });
  });
  const port = options.port ?? Number(process.env.EMULATOR_PORT ?? 8787);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, options.host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  url = `http://localhost:${actualPort}`;
  return {
    url,
    port: actualPort,
    state,
    runtime,
    close: async () => {
      for (const fn of closers) await fn();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      stateFile?.close();
    },
  };
}
