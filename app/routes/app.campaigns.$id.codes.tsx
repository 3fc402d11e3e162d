import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { campaignName } from "../campaigns/campaign-detail.server";
import { csvFromPages, csvResponse } from "../reports/csv-pages";
import { campaignCodePages } from "../reports/export-pages.server";
import { publishCampaignCodes } from "../partners/hand-out.server";

// The campaign's codes as CSV, streamed in keyset pages, one write per page: constant memory and
// few, large writes for a million codes.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = params.id ?? "";
  const name = await campaignName(session.shop, id);
  if (name === null) throw new Response("No such campaign", { status: 404 });
  // For a campaign published as a whole, this download is the handing out.
  const actor = session.onlineAccessInfo?.associated_user.id?.toString() ?? "staff";
  await publishCampaignCodes(session.shop, id, actor);
  const csv = csvFromPages(campaignCodePages(session.shop, id), [
    { header: "code", value: (row) => row.code },
    { header: "status", value: (row) => row.status },
    { header: "shopify", value: (row) => row.pushState },
    { header: "error", value: (row) => row.pushError },
    { header: "bound_customer_id", value: (row) => row.boundCustomerId },
  ]);
  const filename = `${name.replace(/[^\w-]+/g, "-").slice(0, 60) || "campaign"}-codes.csv`;
  return csvResponse(csv, filename);
};
