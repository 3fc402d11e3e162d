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
  if (!read.ok) return problem("invalid_request", read.error);
  const outcome = await claimCodes(caller, read.input, read.hash, idempotencyKey);
  switch (outcome.kind) {
    case "claimed":
      return json(outcome.claim, 201);
    case "replayed":
      return json(outcome.claim, 201, { "idempotent-replayed": "true" });
    case "key_reused":
      return problem(
        "idempotency_key_reused",
        "This Idempotency-Key was used with a different request; use a new key for a new claim.",
      );
    case "not_found":
      return problem("not_found", `No ${outcome.what} with this id is open to this API key.`);
    case "not_active":
      return problem("campaign_not_active", outcome.reason);
    case "exhausted":
      return problem(
        "pool_exhausted",
        `Only ${outcome.left} ${outcome.left === 1 ? "code is" : "codes are"} left; ask for fewer or ask the merchant for more.`,
        { left: outcome.left },
      );
  }
});
