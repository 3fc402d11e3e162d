// A chart with its text equivalent (a table of the same numbers, one button away), in a box of
// fixed aspect ratio rendered on the server, so nothing moves when the page loads.
import { useState, useTransition, type ReactNode } from "react";
import {
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  InlineStack,
  Text,
  Tooltip,
} from "@shopify/polaris";

export interface ChartTable {
  headings: string[];
  types: ("text" | "numeric")[];
  rows: (string | number)[][];
}

/** The table of a count per label: a text column, then a numeric one. */
export function countTable(
  headings: [string, string],
  rows: [string, string | number][],
): ChartTable {
  return { headings, types: ["text", "numeric"], rows };
}

/** The chart's drawing size; it scales to the card's width at this aspect ratio. */
export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 260;

export function ChartCard(props: {
  id: string;
  title: string;
  definition: string;
  /** null while the figures load: the card keeps its final size, its toggle disabled. */
  chart: ReactNode | null;
  table: ChartTable;
}) {
  const [asTable, setAsTable] = useState(false);
  // A long table (a day a row over months) takes a while to draw: drawn as a transition, the click
  // answers at once (the button shows it is working) and the page stays responsive meanwhile.
  const [switching, startSwitch] = useTransition();
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Defined term={props.title} definition={props.definition} as="h2" />
          <Button
            variant="plain"
            onClick={() => startSwitch(() => setAsTable(!asTable))}
            loading={switching}
            ariaControls={`${props.id}-body`}
            pressed={asTable}
            disabled={props.chart === null}
          >
            {asTable ? "Show chart" : "Show table"}
          </Button>
        </InlineStack>
        <div id={`${props.id}-body`} data-testid={`${props.id}-${asTable ? "table" : "chart"}`}>
          {asTable ? (
            <DataTable
              columnContentTypes={props.table.types}
              headings={props.table.headings}
              rows={props.table.rows}
            />
          ) : props.chart === null ? (
            <div className="onecode-chart" aria-busy="true" />
          ) : (
            <div
              className="onecode-chart"
              role="img"
              aria-label={`${props.title}: chart. Use "Show table" for the figures.`}
            >
              {props.chart}
            </div>
          )}
        </div>
      </BlockStack>
    </Card>
  );
}

/** A figure's name; hovering or focusing it shows how the figure is computed. */
export function Defined(props: { term: string; definition: string; as?: "h2" | "span" }) {
  return (
    <Tooltip content={props.definition} width="wide">
      <span tabIndex={0} className="onecode-defined">
        <Text as={props.as ?? "span"} variant={props.as === "h2" ? "headingMd" : "bodyMd"}>
          {props.term}
        </Text>
      </span>
    </Tooltip>
  );
}

/** The page's few style rules: charts scale at a fixed ratio; defined terms are underlined. */
export function ChartStyles() {
  return (
    <style>{`
.onecode-chart { aspect-ratio: ${CHART_WIDTH} / ${CHART_HEIGHT}; width: 100%; }
.onecode-chart .recharts-wrapper { width: 100% !important; height: 100% !important; }
.onecode-defined { text-decoration: underline dotted; text-underline-offset: 3px; cursor: help; }
`}</style>
  );
}

export function EmptyChart({ children }: { children: ReactNode }) {
  return (
    <Box padding="400">
      <Text as="p" tone="subdued">
        {children}
      </Text>
    </Box>
  );
}
