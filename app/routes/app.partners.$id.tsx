import { ReportPanel } from "../reports/ReportPanel";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useState } from "react";
import { authenticate } from "../shopify.server";
import { partnerPage } from "../partners/partner-page.server";
import {
  archivePartner,
  restorePartner,
  updatePartner,
  type PartnerChangeCode,
} from "../partners/partners.server";
import { fail, type Result } from "../result";
import { PARTNER_KIND_LABELS, partnerInputSchema } from "../partners/partner-input";
import { PartnerFields } from "../partners/PartnerFields";
import { FormTextField } from "../components/FormTextField";
import { KeyboardScrollable } from "../components/KeyboardScrollable";
import { SectionCard } from "../components/SectionCard";
import { fieldErrors } from "../partners/allocation-input";
import { AllocateForm, AllocationList } from "../partners/Allocations";
import { ConfirmButton } from "../partners/ConfirmButton";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const page = await partnerPage(session.shop, params.id ?? "");
  if (!page) throw new Response("No such partner", { status: 404 });
  return page;
};

export type PartnerPageCode = PartnerChangeCode | "invalid_input" | "unknown_action";
type ActionResult = Result<
  { message: string },
  PartnerPageCode,
  { errors?: Record<string, string> }
>;

export const action = async ({ request, params }: ActionFunctionArgs): Promise<ActionResult> => {
  const { session } = await authenticate.admin(request);
  const actor = session.onlineAccessInfo?.associated_user.id?.toString() ?? "staff";
  const id = params.id ?? "";
  const form = Object.fromEntries(await request.formData());
  switch (form.intent) {
    case "save": {
      const parsed = partnerInputSchema.safeParse(form);
      if (!parsed.success) {
        return fail("invalid_input", "Nothing was saved.", { errors: fieldErrors(parsed.error) });
      }
      const saved = await updatePartner(session.shop, id, parsed.data, actor);
      return saved.ok ? saved : { ...saved, errors: { name: saved.message } };
    }
    case "archive":
      return archivePartner(session.shop, id, actor);
    case "restore":
      return restorePartner(session.shop, id, actor);
    default:
      return fail("unknown_action", "Unknown action.");
  }
};

export default function PartnerPage() {
  const { partner, allocations, campaigns, sales } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const submit = useSubmit();
  const archived = partner.archivedAt !== null;

  return (
    <Page
      title={partner.name}
      backAction={{ content: "Partners", url: "/app/partners" }}
      titleMetadata={
        <InlineStack gap="200">
          <Badge>{PARTNER_KIND_LABELS[partner.kind]}</Badge>
          {archived && <Badge tone="attention">archived</Badge>}
        </InlineStack>
      }
      primaryAction={{ content: "API access and webhooks", url: `/app/partners/${partner.id}/api` }}
    >
      <TitleBar title={partner.name} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner>}
            {archived && (
              <Banner tone="warning" title="This partner is archived">
                It gets no new codes and its API keys no longer work. Codes it already handed out
                keep working at checkout; revoke an allocation to stop them.
              </Banner>
            )}
            <AllocationList allocations={allocations} show="campaign" />
            <SectionCard
              title="Sales"
              action={
                <Button variant="plain" url={`/app/reports?partner=${partner.id}`}>
                  See in Reports
                </Button>
              }
              empty={sales.length === 0 && "No redemptions of this partner's codes yet."}
            >
              <KeyboardScrollable label="Sales by currency">
                <DataTable
                  columnContentTypes={["text", "numeric", "numeric", "numeric"]}
                  headings={["Currency", "Orders", "Net sales", "Discount cost"]}
                  rows={sales.map((s) => [s.currency, s.orders, s.netSales, s.discountCost])}
                />
              </KeyboardScrollable>
            </SectionCard>
            <ReportPanel partnerId={partner.id} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <AllocateForm
              partnerId={partner.id}
              campaigns={campaigns}
              disabledReason={
                archived
                  ? "An archived partner gets no new codes."
                  : campaigns.length === 0
                    ? "No campaign gives its codes out through allocations yet."
                    : null
              }
            />
            <PartnerDetails
              key={`${partner.name}|${partner.kind}|${partner.email ?? ""}|${partner.notes ?? ""}`}
              partner={partner}
              errors={result && !result.ok ? (result.errors ?? {}) : {}}
              busy={busy}
            />
            <Card>
              <BlockStack gap="200">
                {archived ? (
                  <Button onClick={() => submit({ intent: "restore" }, { method: "post" })}>
                    Restore partner
                  </Button>
                ) : (
                  <ConfirmButton
                    label="Archive partner"
                    question="Its API keys stop working at once; codes it already handed out keep working."
                    confirmLabel="Archive"
                    loading={busy}
                    onConfirm={() => submit({ intent: "archive" }, { method: "post" })}
                  />
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function PartnerDetails({
  partner,
  errors,
  busy,
}: {
  partner: { name: string; kind: string; email: string | null; notes: string | null };
  errors: Record<string, string>;
  busy: boolean;
}) {
  const [values, setValues] = useState({
    name: partner.name,
    kind: partner.kind,
    email: partner.email ?? "",
  });
  const [notes, setNotes] = useState(partner.notes ?? "");
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="save" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Details
          </Text>
          <PartnerFields
            values={values}
            onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))}
            errors={errors}
            emailLabel="Contact email"
          >
            <FormTextField
              label="Notes"
              name="notes"
              value={notes}
              onChange={setNotes}
              multiline={3}
              error={errors.notes}
            />
            <Button submit loading={busy}>
              Save
            </Button>
          </PartnerFields>
        </BlockStack>
      </Form>
    </Card>
  );
}
