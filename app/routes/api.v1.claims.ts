// POST /api/v1/claims: a partner takes codes (app/partner-api/claims.server.ts).
import { claimCodes } from "../partner-api/claims.server";
import { readClaim } from "../partner-api/claim-input";
import { methodNotAllowed, partnerHandler } from "../partner-api/partner-route.server";
import { json, problem } from "../partner-api/problem";

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export const loader = methodNotAllowed("POST");

export const action = partnerHandler(async (caller, request, _params, context) => {
  if (request.method !== "POST") return methodNotAllowed("POST")();
  const idempotencyKey = request.headers.get("idempotency-key");
  if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    return problem(
      "invalid_request",
      "Idempotency-Key must be 1 to 255 visible ASCII characters, for example a UUID.",
    );
  }
  // The production server hands this hot route its raw body as text (app/server/webhook-transport.ts).
  const text = typeof context.webhookBody === "string" ? context.webhookBody : await request.text();
  const read = readClaim(text);
  if (!read.ok) return problem("invalid_request", read.message);
  const outcome = await claimCodes(caller, read.input, read.hash, idempotencyKey);
  if (!outcome.ok) {
    const extra = outcome.left === undefined ? {} : { left: outcome.left };
    return problem(outcome.code, outcome.message, extra);
  }
  return json(outcome.claim, 201, outcome.replayed ? { "idempotent-replayed": "true" } : {});
});
