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
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
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
import { PARTNER_KIND_LABELS, PARTNER_KINDS, partnerInputSchema } from "../partners/partner-input";
import { fieldErrors } from "../partners/allocation-input";
import { AllocateForm, AllocationList } from "../partners/Allocations";
import { ConfirmButton } from "../partners/ConfirmButton";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const page = await partnerPage(session.shop, params.id ?? "");
  if (!page) throw new Response("No such partner", { status: 404 });
  return page;
};

type PartnerPageCode = PartnerChangeCode | "invalid_input" | "unknown_action";
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

const kindOptions = PARTNER_KINDS.map((kind) => ({
  label: PARTNER_KIND_LABELS[kind],
  value: kind,
}));

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
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    Sales
                  </Text>
                  <Button variant="plain" url={`/app/reports?partner=${partner.id}`}>
                    See in Reports
                  </Button>
                </InlineStack>
                {sales.length === 0 ? (
                  <Text as="p" tone="subdued">
                    No redemptions of this partner&apos;s codes yet.
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric", "numeric"]}
                    headings={["Currency", "Orders", "Net sales", "Discount cost"]}
                    rows={sales.map((s) => [s.currency, s.orders, s.netSales, s.discountCost])}
                  />
                )}
              </BlockStack>
            </Card>
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
  const [name, setName] = useState(partner.name);
  const [kind, setKind] = useState(partner.kind);
  const [email, setEmail] = useState(partner.email ?? "");
  const [notes, setNotes] = useState(partner.notes ?? "");
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="save" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Details
          </Text>
          <FormLayout>
            <TextField
              label="Name"
              name="name"
              value={name}
              onChange={setName}
              autoComplete="off"
              error={errors.name}
            />
            <Select
              label="Kind"
              name="kind"
              options={kindOptions}
              value={kind}
              onChange={setKind}
              error={errors.kind}
            />
            <TextField
              label="Contact email"
              name="email"
              type="email"
              value={email}
              onChange={setEmail}
              autoComplete="off"
              error={errors.email}
            />
            <TextField
              label="Notes"
              name="notes"
              value={notes}
              onChange={setNotes}
              multiline={3}
              autoComplete="off"
              error={errors.notes}
            />
            <Button submit loading={busy}>
              Save
            </Button>
          </FormLayout>
        </BlockStack>
      </Form>
    </Card>
  );
}
