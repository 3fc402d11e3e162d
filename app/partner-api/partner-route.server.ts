// The partner API's resource routes share this: the bearer key is checked before anything else
// (never a Shopify session), and a method the route does not serve is a problem document too.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { hasControlCharacter } from "../db/storable-text";
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
    const auth = await authenticatePartner(request);
    if (!auth.ok) {
      const retry = auth.retryAfterSeconds;
      return problem(auth.code, auth.message, {}, retry ? { "retry-after": String(retry) } : {});
    }
    const unstorable = controlCharacterIn(request.url, params);
    if (unstorable) {
      return problem(
        "invalid_request",
        `${unstorable} must not contain control characters such as NUL (U+0000).`,
      );
    }
    return handle(auth.caller, request, params, (context ?? {}) as { webhookBody?: unknown });
  };
}

export function methodNotAllowed(allowed: string) {
  return async () =>
    problem("method_not_allowed", `This endpoint answers ${allowed} only.`, {}, { allow: allowed });
}

/** The name of a path or query parameter holding a control character, if any. */
function controlCharacterIn(
  url: string,
  params: Record<string, string | undefined>,
): string | null {
  for (const [name, value] of Object.entries(params)) {
    if (value && hasControlCharacter(value)) return name;
  }
  // Most requests (every claim) carry no query: no URL to parse for them.
  if (!url.includes("?")) return null;
  for (const [name, value] of new URL(url).searchParams) {
    if (hasControlCharacter(name) || hasControlCharacter(value)) return name;
  }
  return null;
}
