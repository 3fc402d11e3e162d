// Serving machinery: the webhook routes' actions found in the Remix build by path, so the server
// calls the same action Remix would without its router (decision 004).
import type { ActionFunctionArgs, ServerBuild } from "@remix-run/node";

export type RouteAction = (args: ActionFunctionArgs) => Promise<unknown> | unknown;

const WEBHOOK_PREFIX = "webhooks/";
// The partner API's claim is the other hot POST (decision 017).
const DIRECT_POSTS = new Set(["api/v1/claims"]);

/** Each webhook route's action by its URL path ("/webhooks/orders/create"). */
export function webhookActions(build: ServerBuild): Map<string, RouteAction> {
  const actions = new Map<string, RouteAction>();
  for (const route of Object.values(build.routes)) {
    const path = route.path;
    const action = route.module.action as RouteAction | undefined;
    if (!path || !(path.startsWith(WEBHOOK_PREFIX) || DIRECT_POSTS.has(path)) || !action) continue;
    // Only what Remix would match by the path alone: a top-level resource route without params.
    if (route.parentId !== "root" || route.module.default || /[:*]/.test(path)) continue;
    actions.set(`/${path}`, action);
  }
  return actions;
}

/** The request's path as Remix matches it: no query, no trailing slash. */
export function routePath(url: string): string {
  const end = url.indexOf("?");
  const path = end < 0 ? url : url.slice(0, end);
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}
