// GET /api/v1/allocations: the partner's allocations with their codes counted by status.
import { methodNotAllowed, partnerHandler } from "../partner-api/partner-route.server";
import { readPage } from "../partner-api/page";
import { json, problem } from "../partner-api/problem";
import { listAllocations } from "../partner-api/reads.server";

export const loader = partnerHandler(async (caller, request) => {
  const url = new URL(request.url);
  const page = readPage(url);
  if (typeof page === "string") return problem("invalid_request", page);
  const state = url.searchParams.get("state");
  if (state !== null && state !== "active" && state !== "revoked") {
    return problem("invalid_request", "state must be active or revoked.");
  }
  return json(await listAllocations(caller, page, state));
});

export const action = methodNotAllowed("GET");
