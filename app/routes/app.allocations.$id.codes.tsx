import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { exportCsv } from "../codes/csv-export";
import { allocationCodeRows, handOutAllocation } from "../partners/hand-out.server";

// An allocation's codes as CSV, streamed; downloading them is handing them out.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const actor = session.onlineAccessInfo?.associated_user.id?.toString() ?? "staff";
  const id = params.id ?? "";
  const handed = await handOutAllocation(session.shop, id, actor);
  if (!handed.ok) throw new Response(handed.message, { status: handed.status });
  const csv = exportCsv(allocationCodeRows(session.shop, id), [
    { header: "code", value: (row) => row.code },
    {
      header: "status",
      value: (row) => (row.status === "distributed" ? "handed out" : row.status),
    },
    { header: "handed_out_at", value: (row) => row.distributedAt },
  ]);
  const base = `${handed.campaignName}-${handed.label}`.replace(/[^\w-]+/g, "-").slice(0, 80);
  return new Response(Readable.toWeb(csv) as ReadableStream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${base || "allocation"}-codes.csv"`,
      "Cache-Control": "no-store",
    },
  });
};
