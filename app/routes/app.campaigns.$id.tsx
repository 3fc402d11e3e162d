import { KeyboardScrollable } from "../components/KeyboardScrollable";
import { SectionCard } from "../components/SectionCard";
import { ReportPanel } from "../reports/ReportPanel";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useRevalidator,
  useSubmit,
} from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  InlineGrid,
  InlineStack,
  Layout,
  Modal,
  Page,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useEffect, useId, useState } from "react";
import { authenticate } from "../shopify.server";
import { campaignPage } from "../campaigns/campaign-detail.server";
import { runCampaignAction } from "../campaigns/campaign-actions.server";
import { readCustomerUpload } from "../campaigns/customer-list-form.server";
import { ANOMALY_LABELS } from "../anomalies/anomaly-labels";
import { BOUND_ODDS_HELP } from "../campaigns/bound-odds";
import { CustomerListFields } from "../campaigns/CustomerListFields";
import type { CustomerProblem } from "../campaigns/customer-list";
import { campaignAllocations } from "../partners/partner-page.server";
import { CampaignAllocations } from "../partners/CampaignDistribution";
import { roundedPercent } from "../campaigns/status-labels";
import { NET_SALES_DEFINITION } from "../reports/net-sales";
import { shopTimeZone } from "../shops/shop-time-zone.server";
import { useFileDownload } from "../components/use-file-download";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  // Times read on the shop's clock; UTC, named as such, if Shopify does not say.
  const zone = await shopTimeZone(session.shop, admin.graphql);
  const [page, allocation] = await Promise.all([
    campaignPage(session.shop, params.id ?? "", zone.ok ? zone.timeZone : "UTC"),
    campaignAllocations(session.shop, params.id ?? ""),
  ]);
  if (!page || !allocation) throw new Response("No such campaign", { status: 404 });
  return { ...page, allocation };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const actor = session.onlineAccessInfo?.associated_user.id?.toString() ?? "staff";
  const read = await readCustomerUpload(request);
  if (!read.ok) return read;
  const { form, customerFile } = read.upload;
  return runCampaignAction(session.shop, params.id ?? "", actor, form, customerFile);
};

const REFRESH_MS = 1500;
const NO_PROBLEMS: CustomerProblem[] = [];

export default function CampaignPage() {
  const { campaign, progress, anomalies, redemptions, totals, allocation } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const busy = useNavigation().state !== "idle";
  const submit = useSubmit();
  const act = (intent: string, fields: Record<string, string> = {}) =>
    submit({ intent, ...fields }, { method: "post" });
  const working =
    campaign.status === "minting" || (campaign.status === "pushing" && !progress.paused);

  // Progress updates without a reload: re-run the loader while there is work under way.
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [working, revalidator]);

  const { requested, minted, codes } = progress;
  // A paused push keeps its "pushing" status; the pause itself is `progress.paused`.
  const canControl = campaign.status === "pushing";

  return (
    <Page
      title={campaign.name}
      backAction={{ content: "Campaigns", url: "/app/campaigns" }}
      titleMetadata={<Badge>{progress.paused ? "Paused" : campaign.statusLabel}</Badge>}
    >
      <TitleBar title={campaign.name} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner>}
            {campaign.statusMessage && <Banner tone="critical">{campaign.statusMessage}</Banner>}
            {progress.lastError && (
              <Banner tone="warning" title="Shopify reported a problem">
                {progress.lastError}
              </Banner>
            )}
            <Card>
              <BlockStack gap="400">
                <Progress
                  label={campaign.bound ? "Issued" : "Minted"}
                  done={minted}
                  total={requested}
                />
                <Progress label="Live in Shopify" done={codes.live} total={requested} />
                <InlineGrid columns={4} gap="400">
                  <Figure label="Waiting" value={codes.pending + codes.queued} />
                  <Figure label="Failed" value={codes.failed} />
                  <Figure label="Replaced" value={codes.replaced} />
                  <Figure label="Removed" value={codes.removed} />
                </InlineGrid>
                {progress.throttle && progress.throttle.waitedSeconds > 0 && (
                  <Text as="p" tone="subdued">
                    Paced to Shopify&apos;s rate limit: waited{" "}
                    {Math.round(progress.throttle.waitedSeconds)} s over {progress.throttle.calls}{" "}
                    calls.
                  </Text>
                )}
                <InlineStack gap="200">
                  {canControl &&
                    (progress.paused ? (
                      <Button onClick={() => act("resume")} loading={busy}>
                        Resume
                      </Button>
                    ) : (
                      <Button onClick={() => act("pause")} loading={busy}>
                        Pause
                      </Button>
                    ))}
                  {canControl && (
                    <Button onClick={() => act("cancel")} tone="critical" loading={busy}>
                      Cancel push
                    </Button>
                  )}
                  {codes.live > 0 && (
                    <RemoveUnused
                      unused={progress.unusedLive}
                      unsent={codes.pending}
                      busy={busy}
                      onConfirm={() => act("remove-unused")}
                    />
                  )}
                </InlineStack>
              </BlockStack>
            </Card>
            {campaign.bound && (
              <IssueCodes
                busy={busy}
                problems={
                  (result && !result.ok && "problems" in result && result.problems) || NO_PROBLEMS
                }
              />
            )}
            <CampaignAllocations campaignId={campaign.id} section={allocation} />
            <SectionCard
              title="Leak alerts"
              empty={anomalies.length === 0 && "Nothing suspicious so far."}
            >
              {anomalies.map((anomaly) => (
                <InlineStack key={anomaly.id} align="space-between" blockAlign="center">
                  <BlockStack gap="050">
                    <Text as="span" fontWeight="semibold">
                      {ANOMALY_LABELS[anomaly.kind]}
                    </Text>
                    <Text as="span" tone="subdued">
                      {anomaly.createdAtText}
                      {anomaly.order ? ` · ${anomaly.order}` : ""} · {anomaly.statusLabel}
                    </Text>
                  </BlockStack>
                  {anomaly.status === "open" && (
                    <InlineStack gap="200">
                      <Button onClick={() => act("dismiss-anomaly", { anomalyId: anomaly.id })}>
                        Dismiss
                      </Button>
                      {anomaly.allocationId && (
                        <Button
                          onClick={() => act("revoke-anomaly", { anomalyId: anomaly.id })}
                          tone="critical"
                        >
                          Revoke the allocation&apos;s codes
                        </Button>
                      )}
                    </InlineStack>
                  )}
                </InlineStack>
              ))}
            </SectionCard>
            <Revenue totals={totals} />
            <ReportPanel campaignId={campaign.id} currencies={totals.length} />
            <Card padding="0">
              {redemptions.length === 0 ? (
                <Box padding="400">
                  <Text as="p" tone="subdued">
                    No redemptions yet.
                  </Text>
                </Box>
              ) : (
                <KeyboardScrollable label="Redemptions">
                  <DataTable
                    columnContentTypes={[
                      "text",
                      "text",
                      "text",
                      "text",
                      "text",
                      "numeric",
                      "numeric",
                      "text",
                    ]}
                    headings={[
                      "Order",
                      "Code",
                      "Partner",
                      "Customer",
                      "State",
                      "Total",
                      "Discount",
                      "Date",
                    ]}
                    rows={redemptions.map((r) => [
                      r.orderName,
                      r.code,
                      r.partner,
                      r.customer,
                      r.stateLabel,
                      `${r.total} ${r.currency}`,
                      `${r.discount} ${r.currency}`,
                      r.orderedAtText,
                    ])}
                  />
                </KeyboardScrollable>
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="p">
                Starts {campaign.startsAtText}
                {campaign.endsAtText ? `, ends ${campaign.endsAtText}` : ", no end date"}.
              </Text>
              <Button url={`/app/campaigns/${campaign.id}/rules`}>Edit rules and reward</Button>
              <DownloadCodes campaignId={campaign.id} />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

// More customers for a bound campaign, read and issued all or nothing by the server.
function IssueCodes({ busy, problems }: { busy: boolean; problems: CustomerProblem[] }) {
  const [text, setText] = useState("");
  const [formKey, setFormKey] = useState(0);
  const submitted = useNavigation().state === "idle";
  const result = useActionData<typeof action>();
  // A successful issue empties the box and the file input for the next customers.
  useEffect(() => {
    if (submitted && result?.ok) {
      setText("");
      setFormKey((key) => key + 1);
    }
  }, [submitted, result]);
  return (
    <Card>
      <Form method="post" encType="multipart/form-data" key={formKey}>
        <input type="hidden" name="intent" value="issue-codes" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Issue codes to customers
          </Text>
          <Text as="p" tone="subdued">
            Each customer gets one new code. {BOUND_ODDS_HELP}
          </Text>
          <CustomerListFields text={text} onTextChange={setText} problems={problems} />
          <InlineStack>
            <Button submit loading={busy}>
              Issue codes
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}

function Progress({ label, done, total }: { label: string; done: number; total: number }) {
  const id = useId();
  return (
    <BlockStack gap="100">
      <InlineStack align="space-between">
        <Text as="span" variant="headingSm" id={id}>
          {label}
        </Text>
        <Text as="span" tone="subdued">
          {done.toLocaleString("en")} of {total.toLocaleString("en")}
        </Text>
      </InlineStack>
      <ProgressBar
        progress={roundedPercent(done, total)}
        size="small"
        animated={false}
        ariaLabelledBy={id}
      />
    </BlockStack>
  );
}

// One click used to take every unused code out of Shopify: the merchant first sees how many.
function RemoveUnused(props: {
  unused: number;
  unsent: number;
  busy: boolean;
  onConfirm: () => void;
}) {
  const [open, setOpen] = useState(false);
  const unused = props.unused.toLocaleString("en");
  return (
    <>
      <Button onClick={() => setOpen(true)} tone="critical" loading={props.busy}>
        Remove unused codes from Shopify
      </Button>
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title={`Remove ${unused} unused ${props.unused === 1 ? "code" : "codes"} from Shopify?`}
        primaryAction={{
          content: `Remove ${unused} ${props.unused === 1 ? "code" : "codes"}`,
          destructive: true,
          onAction: () => {
            setOpen(false);
            props.onConfirm();
          },
        }}
        secondaryActions={[{ content: "Keep them", onAction: () => setOpen(false) }]}
      >
        <Modal.Section>
          <BlockStack gap="200">
            <Text as="p">
              {unused} {props.unused === 1 ? "code that has" : "codes that have"} not been used will
              stop working at checkout, including any already handed out to partners or customers.
              Codes already used stay as they are. This can&apos;t be undone.
            </Text>
            {props.unsent > 0 && (
              <Text as="p">
                The {props.unsent.toLocaleString("en")} codes not yet sent to Shopify will not be
                sent.
              </Text>
            )}
          </BlockStack>
        </Modal.Section>
      </Modal>
    </>
  );
}

function Revenue({
  totals,
}: {
  totals: { currency: string; redemptions: number; netSales: string; discountCost: string }[];
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Revenue
        </Text>
        {totals.length === 0 ? (
          <Text as="p" tone="subdued">
            No sales yet.
          </Text>
        ) : (
          // One row per currency: amounts in different currencies are never added together.
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric"]}
            headings={["Currency", "Redemptions", "Net sales", "Discount cost"]}
            rows={totals.map((t) => [
              t.currency,
              t.redemptions.toLocaleString("en"),
              `${t.netSales} ${t.currency}`,
              `${t.discountCost} ${t.currency}`,
            ])}
          />
        )}
        <Text as="p" tone="subdued">
          {NET_SALES_DEFINITION}
        </Text>
      </BlockStack>
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <BlockStack gap="050">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="headingMd">
        {value.toLocaleString("en")}
      </Text>
    </BlockStack>
  );
}

function DownloadCodes({ campaignId }: { campaignId: string }) {
  const { state, download } = useFileDownload(`/app/campaigns/${campaignId}/codes`);
  return (
    <BlockStack gap="200">
      <Button onClick={download} loading={state === "loading"}>
        Download codes (CSV)
      </Button>
      {state === "failed" && (
        <Text as="p" tone="critical">
          The download failed. Try again in a moment.
        </Text>
      )}
    </BlockStack>
  );
}
