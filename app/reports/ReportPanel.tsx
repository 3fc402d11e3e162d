// The Reports page's figures for one campaign or partner, on its own page: the Reports page's data,
// all time, loaded after the host page, holding its final height until it arrives.
import { useEffect } from "react";
import { useFetcher } from "@remix-run/react";
import { BlockStack, Box, Card, Link, Text } from "@shopify/polaris";
import { ChartCard, ChartStyles } from "./ChartCard";
import { MoneyPerDay } from "./charts";
import { DEFINITIONS } from "./definitions";
import { formatMoney } from "./format";
import type { Report } from "./report.server";
import { Summary } from "./Summary";

export function ReportPanel(props: {
  campaignId?: string;
  partnerId?: string;
  /** How many currencies the host already knows this panel will list (its summary's rows). */
  currencies?: number;
}) {
  const fetcher = useFetcher<{ report: Report; search: string }>();
  const params = new URLSearchParams({ range: "all" });
  if (props.campaignId) params.set("campaign", props.campaignId);
  if (props.partnerId) params.set("partner", props.partnerId);
  const search = params.toString();
  const { load } = fetcher;
  useEffect(() => load(`/app/reports?index&${search}`), [load, search]);
  const report = fetcher.data?.report;
  const first = report?.currencies[0];
  const expected = props.currencies ?? 1;
  return (
    <BlockStack gap="400">
      <ChartStyles />
      {report ? (
        report.currencies.length > 0 ? (
          <div data-testid="report-panel-summary">
            <Summary currencies={report.currencies} />
          </div>
        ) : (
          <NoOrders />
        )
      ) : expected > 0 ? (
        <div aria-busy="true">
          <Summary currencies={[]} placeholderRows={expected} />
        </div>
      ) : (
        <NoOrders />
      )}
      {first ? (
        <ChartCard
          id="panel-money-per-day"
          title={`Net sales and discount cost per day (${first.currency})`}
          definition={`${DEFINITIONS.netSales} ${DEFINITIONS.discountCost}`}
          chart={
            <MoneyPerDay
              id="panel-money-per-day-chart"
              currency={first.currency}
              data={first.days}
            />
          }
          table={{
            headings: ["Day", `Net sales (${first.currency})`, `Discount cost (${first.currency})`],
            types: ["text", "numeric", "numeric"],
            rows: first.days.map((d) => [
              d.day,
              formatMoney(d.netSales, first.currency),
              formatMoney(d.discountCost, first.currency),
            ]),
          }}
        />
      ) : (
        !report &&
        expected > 0 && (
          <ChartCard
            id="panel-money-per-day"
            title="Net sales and discount cost per day"
            definition={`${DEFINITIONS.netSales} ${DEFINITIONS.discountCost}`}
            chart={null}
            table={{ headings: [], types: [], rows: [] }}
          />
        )
      )}
      <Box>
        <Link url={`/app/reports?${search}`}>Open in Reports</Link>
      </Box>
    </BlockStack>
  );
}

function NoOrders() {
  return (
    <Card>
      <Text as="p" tone="subdued">
        No orders with these codes yet.
      </Text>
    </Card>
  );
}
