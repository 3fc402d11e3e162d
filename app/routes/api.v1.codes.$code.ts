// GET /api/v1/codes/:code: one of the partner's codes and where it stands.
import { methodNotAllowed, partnerHandler } from "../partner-api/partner-route.server";
import { json, problem } from "../partner-api/problem";
import { findCode } from "../partner-api/reads.server";

export const loader = partnerHandler(async (caller, _request, params) => {
  const code = await findCode(caller, params.code ?? "");
  return code ? json(code) : problem("not_found", "No code of yours has this value.");
});

export const action = methodNotAllowed("GET");
