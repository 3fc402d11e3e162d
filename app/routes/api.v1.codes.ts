// GET /api/v1/codes: the codes in the partner's allocations, filtered by status or allocation.
import { methodNotAllowed, partnerHandler } from "../partner-api/partner-route.server";
import { readPage } from "../partner-api/page";
import { json, problem } from "../partner-api/problem";
import { CODE_STATUSES, listCodes, type PartnerCodeStatus } from "../partner-api/reads.server";

export const loader = partnerHandler(async (caller, request) => {
  const url = new URL(request.url);
  const page = readPage(url);
  if (typeof page === "string") return problem("invalid_request", page);
  const status = url.searchParams.get("status");
  if (status !== null && !(CODE_STATUSES as readonly string[]).includes(status)) {
    return problem("invalid_request", `status must be one of ${CODE_STATUSES.join(", ")}.`);
  }
  const allocation = url.searchParams.get("allocation");
  return json(
    await listCodes(caller, page, { status: status as PartnerCodeStatus | null, allocation }),
  );
});

export const action = methodNotAllowed("GET");
