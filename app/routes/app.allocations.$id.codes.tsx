import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { readDate } from "../group-commit/sql-plan";
import { handOutAllocation } from "../partners/hand-out.server";
import { csvFromPages, csvResponse } from "../reports/csv-pages";
import { allocationCodePages } from "../reports/export-pages.server";

// An allocation's codes as CSV, streamed in keyset pages with one write per page; downloading them
// is handing them out.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const actor = session.onlineAccessInfo?.associated_user.id?.toString() ?? "staff";
  const id = params.id ?? "";
  const handed = await handOutAllocation(session.shop, id, actor);
  if (!handed.ok) throw new Response(handed.message, { status: handed.status });
  const csv = csvFromPages(allocationCodePages(session.shop, id), [
    { header: "code", value: (row) => row.code },
    {
      header: "status",
      value: (row) => (row.status === "distributed" ? "handed out" : row.status),
    },
    { header: "handed_out_at", value: (row) => readDate(row.distributedAt) },
  ]);
  const base = `${handed.campaignName}-${handed.label}`.replace(/[^\w-]+/g, "-").slice(0, 80);
  return csvResponse(csv, `${base || "allocation"}-codes.csv`);
};
