// Errors of the partner API as RFC 9457 problem details: a stable `type` (and the same `code`
// for clients that switch on a short string), the HTTP status and one sentence a developer can act
// on. The OpenAPI document lists these codes.
export const PROBLEM_CODES = {
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  invalid_request: 400,
  idempotency_key_reused: 422,
  pool_exhausted: 409,
  campaign_not_active: 409,
  rate_limited: 429,
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export const PROBLEM_TYPE_BASE = "https://onecode.dev/problems/";

const TITLES: Record<ProblemCode, string> = {
  unauthorized: "Missing or invalid API key",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  invalid_request: "Invalid request",
  idempotency_key_reused: "Idempotency-Key reused with a different request",
  pool_exhausted: "Not enough codes left",
  campaign_not_active: "Campaign not active",
  rate_limited: "Too many requests",
};

export function problem(
  code: ProblemCode,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  const status = PROBLEM_CODES[code];
  const body = { type: PROBLEM_TYPE_BASE + code, title: TITLES[code], status, detail, code };
  return new Response(JSON.stringify({ ...body, ...extra }), {
    status,
    headers: {
      "content-type": "application/problem+json",
      "cache-control": "no-store",
      ...(status === 401 ? { "www-authenticate": 'Bearer realm="OneCode partner API"' } : {}),
      ...headers,
    },
  });
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}
