// Each currency's totals and ratios in one row, every figure's name defined on hover.
import { Card, DataTable } from "@shopify/polaris";
import { Defined } from "./ChartCard";
import { DEFINITIONS } from "./definitions";
import { formatMoney, formatPercent, type Formatted } from "./format";
import type { CurrencyReport } from "./report.server";

export function Summary({ currencies }: { currencies: CurrencyReport[] }) {
  const heading = (term: string, definition: string) => (
    <Defined key={term} term={term} definition={definition} />
  );
  return (
    <Card padding="0">
      <DataTable
        columnContentTypes={[
          "text",
          "numeric",
          "numeric",
          "numeric",
          "numeric",
          "numeric",
          "numeric",
          "numeric",
        ]}
        headings={[
          "Currency",
          heading("Redemptions", DEFINITIONS.redemptions),
          heading("Net sales", DEFINITIONS.netSales),
          heading("Discount cost", DEFINITIONS.discountCost),
          heading("AOV with code", DEFINITIONS.aov),
          heading("AOV without code", DEFINITIONS.aovBefore),
          heading("Discount / net sales", DEFINITIONS.discountShare),
          heading("Leak rate", DEFINITIONS.leakRate),
        ]}
        rows={currencies.map((c) => [
          c.currency,
          c.totals.orders.toLocaleString("en-US"),
          formatMoney(c.totals.netSales, c.currency),
          formatMoney(c.totals.discount, c.currency),
          show(c.ratios.aov, (n) => formatMoney(n, c.currency)),
          show(c.ratios.aovBefore, (n) => formatMoney(n, c.currency)),
          show(c.ratios.discountShare, formatPercent),
          show(c.ratios.leakRate, formatPercent),
        ])}
      />
    </Card>
  );
}

const show = (value: number | null, format: (n: number) => Formatted) =>
  value === null ? "–" : format(value);
