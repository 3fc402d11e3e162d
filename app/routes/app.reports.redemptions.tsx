import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { csvResponse } from "../reports/csv-pages";
import { localDay } from "../reports/local-days";
import { readReportQuery } from "../reports/report-range";
import { redemptionsCsv } from "../reports/redemptions-export.server";
import { firstReportDay } from "../reports/rollup.server";
import { reportTimeZone } from "../reports/shop-time-zone.server";

// The report's redemptions as CSV, for the same range and filters as the page, streamed.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const { zone } = await reportTimeZone(session.shop, admin.graphql);
  const params = new URL(request.url).searchParams;
  const firstDay = params.get("range") === "all" ? await firstReportDay(session.shop) : null;
  const query = readReportQuery(params, localDay(new Date(), zone), firstDay);
  const csv = await redemptionsCsv(session.shop, query, zone);
  return csvResponse(csv, `redemptions-${query.from}-to-${query.to}.csv`);
};
