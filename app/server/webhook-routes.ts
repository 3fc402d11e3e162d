// The app's webhook routes (app/routes/webhooks.*), looked up in the Remix build so the server can
// call their actions directly. They are resource routes (an action, no component) at a fixed
// path, where Remix's own handling amounts to matching the path and calling the action; doing
// that here skips the router and the request plumbing around it, which cost more than the
// delivery's own work under load (docs/decisions/004-webhook-serving.md). The action is the same
// function Remix would call: app/webhooks/route.server.ts, then the plain handler.
import type { ActionFunctionArgs, ServerBuild } from "@remix-run/node";

export type RouteAction = (args: ActionFunctionArgs) => Promise<unknown> | unknown;

const WEBHOOK_PREFIX = "webhooks/";
// The partner API's claim is the other hot POST: route, key check and one statement, so the
// router's cost would be most of its own (docs/decisions/017-partner-api-claims.md).
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
