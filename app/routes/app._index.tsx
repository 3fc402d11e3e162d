import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, EmptyState, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { shopOverview } from "../shops/overview.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return shopOverview(session.shop);
};

export default function Dashboard() {
  const overview = useLoaderData<typeof loader>();
  return (
    <Page>
      <TitleBar title="OneCode" />
      <Layout>
        <Layout.Section>
          {overview.campaigns === 0 ? (
            <Card>
              <EmptyState
                heading="Single-use codes that stay single-use"
                action={{ content: "Go to campaigns", url: "/app/campaigns" }}
                secondaryAction={{ content: "Add partners", url: "/app/partners" }}
                image="/empty-state.svg"
              >
                <p>
                  A campaign mints a pool of unique codes, pushes them into Shopify, and hands them
                  to partners. Each code works once, so a leaked code cannot spread.
                </p>
              </EmptyState>
            </Card>
          ) : (
            <InlineGrid columns={3} gap="400">
              <Metric label="Campaigns" value={overview.campaigns} />
              <Metric label="Live codes" value={overview.liveCodes} />
              <Metric label="Redemptions" value={overview.redemptions} />
            </InlineGrid>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Metric({ label, value }: { label: string; value: number }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl">
          {value.toLocaleString("en")}
        </Text>
      </BlockStack>
    </Card>
  );
}
