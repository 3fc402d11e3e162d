// Each currency's totals and ratios in one row, every figure's name defined on hover. While the
// figures load, `placeholderRows` rows of "…" hold the table's final height, so nothing below it
// moves when they arrive.
import { memo } from "react";
import { Card, DataTable } from "@shopify/polaris";
import { KeyboardScrollable } from "../components/KeyboardScrollable";
import { Defined } from "./ChartCard";
import { DEFINITIONS } from "./definitions";
import { formatMoney, formatPercent, type Formatted } from "./format";
import type { CurrencyReport } from "./report.server";

export const Summary = memo(function Summary(props: {
  currencies: CurrencyReport[];
  placeholderRows?: number;
}) {
  const { currencies, placeholderRows = 0 } = props;
  const heading = (term: string, definition: string) => (
    <Defined key={term} term={term} definition={definition} />
  );
  return (
    <Card padding="0">
      <KeyboardScrollable label="Totals by currency">
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
          rows={
            placeholderRows > 0
              ? Array.from({ length: placeholderRows }, () => Array<string>(8).fill("…"))
              : currencies.map((c) => [
                  c.currency,
                  c.totals.orders.toLocaleString("en-US"),
                  formatMoney(c.totals.netSales, c.currency),
                  formatMoney(c.totals.discount, c.currency),
                  show(c.ratios.aov, (n) => formatMoney(n, c.currency)),
                  show(c.ratios.aovBefore, (n) => formatMoney(n, c.currency)),
                  show(c.ratios.discountShare, formatPercent),
                  show(c.ratios.leakRate, formatPercent),
                ])
          }
        />
      </KeyboardScrollable>
    </Card>
  );
});

const show = (value: number | null, format: (n: number) => Formatted) =>
  value === null ? "–" : format(value);
