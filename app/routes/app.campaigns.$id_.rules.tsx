// /app/campaigns/:id/rules — the campaign's rules and reward, edited after creation. (`$id_`
// keeps this page out of the campaign page's layout, which has no <Outlet />.)
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import type { RuleError } from "@onecode/checkout-rules/rules";
import { rulesPageData, saveCampaignRules } from "../campaigns/rules-editor/campaign-rules.server";
import { RULES_FIELD } from "../campaigns/rules-editor/rules-field";
import { RulesEditor } from "../campaigns/rules-editor/RulesEditor";
import { SubmitCard } from "../campaigns/SubmitCard";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const data = await rulesPageData(session.shop, params.id ?? "", admin.graphql, request.signal);
  if (!data) throw new Response("No such campaign", { status: 404 });
  return data;
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const result = await saveCampaignRules(
    session.shop,
    params.id ?? "",
    form.get(RULES_FIELD),
    session.onlineAccessInfo?.associated_user.id?.toString() ?? "staff",
  );
  if (!result.ok && result.code === "not_found") {
    throw new Response("No such campaign", { status: 404 });
  }
  return result;
};

const NO_ERRORS: RuleError[] = [];

export default function CampaignRulesPage() {
  const { campaign, initial, unreadable, titles, titlesProblem } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";

  return (
    <Page
      title="Rules and reward"
      subtitle={campaign.name}
      backAction={{ content: campaign.name, url: `/app/campaigns/${campaign.id}` }}
    >
      <TitleBar title={`${campaign.name}: rules`} />
      <Form method="post">
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              {result && <SaveOutcome result={result} />}
              {unreadable && (
                <Banner tone="warning" title="The stored rules could not be read">
                  <p>The editor starts from the default rules; saving replaces the stored ones.</p>
                </Banner>
              )}
              {titlesProblem && (
                <Banner tone="warning">
                  <p>{titlesProblem} Products and collections are shown by id.</p>
                </Banner>
              )}
              <RulesEditor
                initial={initial}
                initialTitles={titles}
                campaignId={campaign.id}
                serverErrors={(result && !result.ok && result.ruleErrors) || NO_ERRORS}
              />
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <SubmitCard
              explanation={
                campaign.hasDiscount
                  ? "Saving updates the campaign's discount in Shopify: checkout applies the new rules to every code of the campaign."
                  : "The campaign's codes are not in Shopify yet; they will carry these rules when they are pushed."
              }
              label="Save rules"
              loading={saving}
            />
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}

function SaveOutcome({
  result,
}: {
  result: NonNullable<ReturnType<typeof useActionData<typeof action>>>;
}) {
  if (!result.ok) {
    return (
      <Banner tone="critical" title="The rules were not saved">
        <p>Correct the fields marked below and save again.</p>
      </Banner>
    );
  }
  if (result.shopify === "failed") {
    return (
      <Banner tone="warning" title="Saved in OneCode, but Shopify still has the previous rules">
        <p>{result.problem} Save again to retry.</p>
      </Banner>
    );
  }
  return (
    <Banner tone="success" title="Rules saved">
      <p>
        {result.shopify === "updated"
          ? "Shopify's checkout now applies them."
          : "They will be sent to Shopify with the campaign's discount."}
      </p>
    </Banner>
  );
}
