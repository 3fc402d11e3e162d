import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Box, Card, DataTable, EmptyState, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { NET_SALES_DEFINITION } from "../reports/net-sales";
import { partnerTotals } from "../reports/partner-totals.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { totals: await partnerTotals(session.shop), netSalesDefinition: NET_SALES_DEFINITION };
};

export default function Reports() {
  const { totals, netSalesDefinition } = useLoaderData<typeof loader>();
  return (
    <Page title="Reports">
      <TitleBar title="Reports" />
      <Card padding="0">
        {totals.length === 0 ? (
          <EmptyState heading="No redemptions yet" image="/empty-state.svg">
            <p>
              Once shoppers use your codes, each order is credited here to its partner, with net
              sales and what the discount cost.
            </p>
          </EmptyState>
        ) : (
          <BlockStack>
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
            <Box padding="400">
              <Text as="p" tone="subdued">
                {netSalesDefinition}
              </Text>
            </Box>
          </BlockStack>
        )}
      </Card>
    </Page>
  );
}
