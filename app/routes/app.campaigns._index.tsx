import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigate } from "@remix-run/react";
import { Badge, Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { listCampaigns } from "../campaigns/campaigns.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { campaigns: await listCampaigns(session.shop) };
};

export default function Campaigns() {
  const { campaigns } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  return (
    <Page
      title="Campaigns"
      primaryAction={{ content: "Create campaign", url: "/app/campaigns/new" }}
    >
      <TitleBar title="Campaigns" />
      <Card padding="0">
        {campaigns.length === 0 ? (
          <EmptyState
            heading="No campaigns yet"
            image="/empty-state.svg"
            action={{ content: "Create campaign", url: "/app/campaigns/new" }}
          >
            <p>
              Each campaign holds its own pool of single-use codes and the rules they follow at
              checkout.
            </p>
          </EmptyState>
        ) : (
          <IndexTable
            resourceName={{ singular: "campaign", plural: "campaigns" }}
            itemCount={campaigns.length}
            selectable={false}
            headings={[
              { title: "Name" },
              { title: "Status" },
              { title: "Codes", alignment: "end" },
              { title: "Starts" },
            ]}
          >
            {campaigns.map((campaign, index) => (
              <IndexTable.Row
                id={campaign.id}
                key={campaign.id}
                position={index}
                onClick={() => navigate(`/app/campaigns/${campaign.id}`)}
              >
                <IndexTable.Cell>
                  <Text as="span" fontWeight="semibold">
                    {campaign.name}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Badge>{campaign.status}</Badge>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {campaign.requestedCount.toLocaleString("en")}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {new Date(campaign.startsAt).toLocaleDateString("en")}
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}
