// The partner API's resource routes share this: the bearer key is checked before anything else
// (never a Shopify session), and a method the route does not serve is a problem document too.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticatePartner, type Caller } from "./auth.server";
import { problem } from "./problem";

type Handler = (
  caller: Caller,
  request: Request,
  params: Record<string, string | undefined>,
  context: { webhookBody?: unknown },
) => Promise<Response>;

export function partnerHandler(handle: Handler) {
  return async ({ request, params, context }: LoaderFunctionArgs | ActionFunctionArgs) => {
    const caller = await authenticatePartner(request);
    if (caller instanceof Response) return caller;
    return handle(caller, request, params, (context ?? {}) as { webhookBody?: unknown });
  };
}

export function methodNotAllowed(allowed: string) {
  return async () =>
    problem("method_not_allowed", `This endpoint answers ${allowed} only.`, {}, { allow: allowed });
}
