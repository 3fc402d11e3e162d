import type { EmulatorState } from "./store/context";

// The emulator's routing contract: every part (graphql, auth, admin, app-bridge, webhooks,
// checkout, inspect) registers web-standard handlers (Request in, Response out) on one router.

export interface RouteContext {
  /** Path parameters from the pattern, e.g. { shop } for "/store/:shop/...". */
  params: Record<string, string>;
  url: URL;
}

export type RouteHandler = (request: Request, ctx: RouteContext) => Response | Promise<Response>;

export interface EmulatorRouter {
  /** Pattern segments: literal, ":name" (one segment), or a final "*" (the rest, as params["*"]). */
  route(method: string, pattern: string, handler: RouteHandler): void;
  get(pattern: string, handler: RouteHandler): void;
  post(pattern: string, handler: RouteHandler): void;
}

/** What a part receives when mounted. */
export interface MountContext {
  state: EmulatorState;
  /** The emulator's own origin, e.g. "http://localhost:8787" (known once it listens). */
  baseUrl(): string;
  /** Registers cleanup (timers, sockets) run by close(). */
  onClose(fn: () => void | Promise<void>): void;
  /**
   * Registers an inspection section: GET /__emulator/<name> answers `read()`, and
   * POST /__emulator/reset calls every `reset`.
   */
  inspect(name: string, section: { read: () => unknown; reset?: () => void }): void;
}

export type EmulatorMount = (router: EmulatorRouter, ctx: MountContext) => void | Promise<void>;

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

export interface RouteMatch {
  handler: RouteHandler;
  params: Record<string, string>;
}

export class Router implements EmulatorRouter {
  private readonly routes: Route[] = [];

  route(method: string, pattern: string, handler: RouteHandler): void {
    this.routes.push({ method: method.toUpperCase(), segments: split(pattern), handler });
  }

  get(pattern: string, handler: RouteHandler): void {
    this.route("GET", pattern, handler);
  }

  post(pattern: string, handler: RouteHandler): void {
    this.route("POST", pattern, handler);
  }

  /** The handler for a request, or "method" when only the method is wrong (405), or null (404). */
  match(method: string, pathname: string): RouteMatch | "method" | null {
    const parts = split(pathname);
    let wrongMethod = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method.toUpperCase() || (route.method === "GET" && method === "HEAD")) {
        return { handler: route.handler, params };
      }
      wrongMethod = true;
    }
    return wrongMethod ? "method" : null;
  }
}

function split(path: string): string[] {
  return path.split("/").filter(Boolean);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const seg = pattern[i] as string;
    if (seg === "*" && i === pattern.length - 1) {
      params["*"] = parts.slice(i).map(decodeURIComponent).join("/");
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (seg.startsWith(":")) params[seg.slice(1)] = decodeURIComponent(part);
    else if (seg !== part) return null;
  }
  return parts.length === pattern.length ? params : null;
}
