import { memo, useState } from "react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  EmptyState,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { DEFINITIONS, NET_SALES_DEFINITION } from "../reports/definitions";
import { localDay } from "../reports/local-days";
import { allTimePartnerTotals, buildReport, type CurrencyReport } from "../reports/report.server";
import { PRESETS, readReportQuery, reportSearch, type ReportQuery } from "../reports/report-range";
import { firstReportDay, refreshRollup } from "../reports/rollup.server";
import { reportTimeZone } from "../reports/shop-time-zone.server";
import { ChartCard, ChartStyles, countTable, Defined, EmptyChart } from "../reports/ChartCard";
import { CountBars, MoneyBars, MoneyPerDay, RedemptionsPerDay } from "../reports/charts";
import { formatMoney } from "../reports/format";
import { Summary } from "../reports/Summary";
import { DownloadRedemptions } from "../reports/DownloadRedemptions";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const shop = session.shop;
  const timeZone = await reportTimeZone(shop, admin.graphql);
  await refreshRollup(shop, timeZone.zone);
  const params = new URL(request.url).searchParams;
  const today = localDay(new Date(), timeZone.zone);
  const firstDay = params.get("range") === "all" ? await firstReportDay(shop) : null;
  const query = readReportQuery(params, today, firstDay);
  const report = await buildReport(shop, query);
  return {
    query,
    search: reportSearch(query),
    timeZone,
    report,
    totals: await allTimePartnerTotals(shop),
    netSalesDefinition: NET_SALES_DEFINITION,
  };
};

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Reports() {
  const data = useLoaderData<typeof loader>();
  const { report, query } = data;
  const [currency, setCurrency] = useState<string | null>(null);
  const shown =
    report.currencies.find((c) => c.currency === currency) ?? report.currencies[0] ?? null;
  return (
    <Page title="Reports" fullWidth>
      <TitleBar title="Reports" />
      <ChartStyles />
      <BlockStack gap="400">
        <Filters data={data} />
        {!data.timeZone.known && (
          <Banner tone="warning">
            Shopify did not tell us your store&rsquo;s time zone just now, so days are counted in
            UTC.
          </Banner>
        )}
        {report.currencies.length === 0 ? (
          <Card>
            <EmptyState heading="No orders with your codes in this range" image="/empty-state.svg">
              <p>
                Choose a longer range or fewer filters. Once shoppers use your codes, each order is
                credited here to its partner and channel, with net sales and what the discount cost.
              </p>
            </EmptyState>
          </Card>
        ) : (
          <Summary currencies={report.currencies} />
        )}
        <Layout>
          <Layout.Section variant="oneHalf">
            <RedemptionsPerDayCard currencies={report.currencies} to={query.to} />
          </Layout.Section>
          <Layout.Section variant="oneHalf">
            <Funnel funnel={report.funnel} />
          </Layout.Section>
        </Layout>
        {shown && (
          <BlockStack gap="400">
            {report.currencies.length > 1 && (
              <InlineStack gap="200" blockAlign="center">
                <Select
                  label="Currency of the money charts"
                  labelInline
                  options={report.currencies.map((c) => c.currency)}
                  value={shown.currency}
                  onChange={setCurrency}
                />
                <Text as="span" tone="subdued">
                  Amounts in different currencies are never added together.
                </Text>
              </InlineStack>
            )}
            <MoneyCharts report={shown} />
          </BlockStack>
        )}
        <AllTime totals={data.totals} />
      </BlockStack>
    </Page>
  );
}

function Filters({ data }: { data: Data }) {
  const navigate = useNavigate();
  const navigation = useNavigation();
  const { query, report } = data;
  const go = (next: Partial<ReportQuery>) => navigate(`?${reportSearch({ ...query, ...next })}`);
  const all = { label: "All", value: "" };
  return (
    <Card>
      <BlockStack gap="300">
        <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="300">
          <Select
            label="Date range"
            options={[
              ...PRESETS.map((p) => ({ label: p.label, value: p.value })),
              { label: "All time", value: "all" },
              { label: "Custom", value: "custom" },
            ]}
            value={query.preset}
            onChange={(preset) => go({ preset: preset as ReportQuery["preset"] })}
          />
          <Select
            label="Campaign"
            options={[all, ...report.options.campaigns]}
            value={query.campaignId ?? ""}
            onChange={(v) => go({ campaignId: v || null })}
          />
          <Select
            label="Partner"
            options={[all, ...report.options.partners]}
            value={query.partnerId ?? ""}
            onChange={(v) => go({ partnerId: v || null })}
          />
          <Select
            label="Channel"
            options={[all, ...report.options.channels]}
            value={query.channel ?? ""}
            onChange={(v) => go({ channel: v || null })}
          />
        </InlineGrid>
        {query.preset === "custom" && <CustomRange query={query} go={go} />}
        <InlineStack align="space-between" blockAlign="center">
          <Text as="p" tone="subdued">
            {`${query.from} to ${query.to}, days in ${data.timeZone.zone}`}
            {navigation.state === "loading" ? " · updating…" : ""}
          </Text>
          <DownloadRedemptions search={data.search} />
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

function CustomRange(props: { query: ReportQuery; go: (next: Partial<ReportQuery>) => void }) {
  const [from, setFrom] = useState(props.query.from);
  const [to, setTo] = useState(props.query.to);
  return (
    <InlineStack gap="300" blockAlign="end">
      <TextField label="From" type="date" value={from} onChange={setFrom} autoComplete="off" />
      <TextField label="To" type="date" value={to} onChange={setTo} autoComplete="off" />
      <Button onClick={() => props.go({ preset: "custom", from, to })}>Apply</Button>
    </InlineStack>
  );
}

// The charts are memoised on the loader's data: a filter's change re-renders the page while the
// next data loads ("updating…"), and redrawing every chart then would delay that response.
const RedemptionsPerDayCard = memo(function RedemptionsPerDayCard(props: {
  currencies: CurrencyReport[];
  to: string;
}) {
  const days = redemptionDays(props.currencies, props.to);
  return (
    <ChartCard
      id="redemptions-per-day"
      title="Redemptions per day"
      definition={DEFINITIONS.redemptions}
      chart={<RedemptionsPerDay id="redemptions-per-day-chart" data={days} />}
      table={countTable(
        ["Day", "Redemptions"],
        days.map((d) => [d.day, d.redemptions]),
      )}
    />
  );
});

const Funnel = memo(function Funnel({ funnel }: { funnel: Data["report"]["funnel"] }) {
  const stages = [
    { name: "Minted", count: funnel.minted },
    { name: "Live", count: funnel.live },
    { name: "Handed out", count: funnel.handedOut },
    { name: "Redeemed", count: funnel.redeemed },
    { name: "Refunded or cancelled", count: funnel.refundedOrCancelled },
  ];
  return (
    <ChartCard
      id="funnel"
      title="Code funnel"
      definition={DEFINITIONS.funnel}
      chart={<CountBars id="funnel-chart" data={stages} />}
      table={countTable(
        ["Stage", "Codes"],
        stages.map((s) => [s.name, s.count.toLocaleString("en-US")]),
      )}
    />
  );
});

const MoneyCharts = memo(function MoneyCharts({ report }: { report: CurrencyReport }) {
  const { currency } = report;
  const money = (n: number) => formatMoney(n, currency);
  const barsTable = (rows: CurrencyReport["partners"], first: string) => ({
    headings: [first, "Redemptions", `Net sales (${currency})`, `Discount cost (${currency})`],
    types: ["text", "numeric", "numeric", "numeric"] as ("text" | "numeric")[],
    rows: rows.map((r) => [r.name, r.redemptions, money(r.netSales), money(r.discountCost)]),
  });
  return (
    <BlockStack gap="400">
      <ChartCard
        id="money-per-day"
        title={`Net sales and discount cost per day (${currency})`}
        definition={`${DEFINITIONS.netSales} ${DEFINITIONS.discountCost}`}
        chart={<MoneyPerDay id="money-per-day-chart" currency={currency} data={report.days} />}
        table={{
          headings: ["Day", `Net sales (${currency})`, `Discount cost (${currency})`],
          types: ["text", "numeric", "numeric"],
          rows: report.days.map((d) => [d.day, money(d.netSales), money(d.discountCost)]),
        }}
      />
      <Layout>
        <Layout.Section variant="oneHalf">
          <ChartCard
            id="per-partner"
            title={`Per partner (${currency})`}
            definition={DEFINITIONS.netSales}
            chart={
              report.partners.length ? (
                <MoneyBars
                  id="per-partner-chart"
                  currency={currency}
                  data={report.partners.slice(0, 10)}
                />
              ) : (
                <EmptyChart>No orders in this currency.</EmptyChart>
              )
            }
            table={barsTable(report.partners, "Partner")}
          />
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <ChartCard
            id="per-channel"
            title={`Per channel (${currency})`}
            definition={DEFINITIONS.netSales}
            chart={
              <MoneyBars
                id="per-channel-chart"
                currency={currency}
                data={report.channels.slice(0, 10)}
              />
            }
            table={barsTable(report.channels, "Channel")}
          />
        </Layout.Section>
      </Layout>
    </BlockStack>
  );
});

// Redemptions are counts, not money: they add up across currencies.
function redemptionDays(currencies: CurrencyReport[], to: string) {
  const byDay = new Map<string, number>();
  for (const c of currencies)
    for (const d of c.days) byDay.set(d.day, (byDay.get(d.day) ?? 0) + d.redemptions);
  if (byDay.size === 0) return [{ day: to, redemptions: 0 }];
  return [...byDay].map(([day, redemptions]) => ({ day, redemptions }));
}

const AllTime = memo(function AllTime({ totals }: { totals: Data["totals"] }) {
  if (totals.length === 0) return null;
  return (
    <Card padding="0">
      <BlockStack>
        <Box padding="400" paddingBlockEnd="0">
          <Defined term="All time, per partner" definition={DEFINITIONS.netSales} as="h2" />
        </Box>
        <DataTable
          columnContentTypes={["text", "text", "numeric", "numeric", "numeric"]}
          headings={["Partner", "Currency", "Redemptions", "Net sales", "Discount cost"]}
          rows={totals.map((t) => [
            t.partnerName,
            t.currency,
            t.redemptions,
            t.netSales,
            t.discountCost,
          ])}
        />
      </BlockStack>
    </Card>
  );
});
