// GET /api/v1/redemptions: orders that used the partner's codes, for commission reconciliation.
import { methodNotAllowed, partnerHandler } from "../partner-api/partner-route.server";
import { readPage } from "../partner-api/page";
import { json, problem } from "../partner-api/problem";
import { listRedemptions } from "../partner-api/reads.server";

export const loader = partnerHandler(async (caller, request) => {
  const url = new URL(request.url);
  const page = readPage(url);
  if (typeof page === "string") return problem("invalid_request", page);
  const rawSince = url.searchParams.get("since");
  const since = rawSince === null ? null : new Date(rawSince);
  if (since && Number.isNaN(since.getTime())) {
    return problem("invalid_request", "since must be a date-time such as 2026-12-01T00:00:00Z.");
  }
  return json(await listRedemptions(caller, page, since));
});

export const action = methodNotAllowed("GET");
