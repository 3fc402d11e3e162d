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
  Page,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useEffect, useState } from "react";
import { authenticate } from "../shopify.server";
import { campaignPage } from "../campaigns/campaign-detail.server";
import { runCampaignAction } from "../campaigns/campaign-actions.server";
import { ANOMALY_LABELS } from "../anomalies/anomaly-labels";
import { BOUND_ODDS_HELP } from "../campaigns/bound-odds";
import { CustomerListFields } from "../campaigns/CustomerListFields";
import type { CustomerProblem } from "../campaigns/customer-list";
import { campaignAllocations } from "../partners/partner-page.server";
import { CampaignAllocations } from "../partners/CampaignDistribution";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [page, allocation] = await Promise.all([
    campaignPage(session.shop, params.id ?? ""),
    campaignAllocations(session.shop, params.id ?? ""),
  ]);
  if (!page || !allocation) throw new Response("No such campaign", { status: 404 });
  return { ...page, allocation };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const actor = session.onlineAccessInfo?.associated_user.id?.toString() ?? "staff";
  return runCampaignAction(session.shop, params.id ?? "", actor, await request.formData());
};

const REFRESH_MS = 1500;
const NO_PROBLEMS: CustomerProblem[] = [];

export default function CampaignPage() {
  const { campaign, progress, anomalies, redemptions, allocation } = useLoaderData<typeof loader>();
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
  const canControl = campaign.status === "pushing" || campaign.status === "paused";

  return (
    <Page
      title={campaign.name}
      backAction={{ content: "Campaigns", url: "/app/campaigns" }}
      titleMetadata={<Badge>{progress.paused ? "paused" : campaign.status}</Badge>}
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
                    <Button onClick={() => act("remove-unused")} tone="critical" loading={busy}>
                      Remove unused codes from Shopify
                    </Button>
                  )}
                </InlineStack>
              </BlockStack>
            </Card>
            {campaign.bound && (
              <IssueCodes
                busy={busy}
                problems={(result && !result.ok && result.problems) || NO_PROBLEMS}
              />
            )}
            <CampaignAllocations campaignId={campaign.id} section={allocation} />
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Leak alerts
                </Text>
                {anomalies.length === 0 ? (
                  <Text as="p" tone="subdued">
                    Nothing suspicious so far.
                  </Text>
                ) : (
                  anomalies.map((anomaly) => (
                    <InlineStack key={anomaly.id} align="space-between" blockAlign="center">
                      <BlockStack gap="050">
                        <Text as="span" fontWeight="semibold">
                          {ANOMALY_LABELS[anomaly.kind]}
                        </Text>
                        <Text as="span" tone="subdued">
                          {new Date(anomaly.createdAt).toLocaleString("en")}
                          {anomaly.order ? ` · order ${anomaly.order}` : ""} · {anomaly.status}
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
                  ))
                )}
              </BlockStack>
            </Card>
            <Card padding="0">
              {redemptions.length === 0 ? (
                <Box padding="400">
                  <Text as="p" tone="subdued">
                    No redemptions yet.
                  </Text>
                </Box>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "text", "numeric", "numeric", "text"]}
                  headings={["Order", "Code", "State", "Total", "Discount", "Date"]}
                  rows={redemptions.map((r) => [
                    r.orderName,
                    r.code,
                    r.state,
                    `${r.total} ${r.currency}`,
                    `${r.discount} ${r.currency}`,
                    new Date(r.orderedAt).toLocaleDateString("en"),
                  ])}
                />
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="p">
                Starts {new Date(campaign.startsAt).toLocaleString("en")}
                {campaign.endsAt
                  ? `, ends ${new Date(campaign.endsAt).toLocaleString("en")}`
                  : ", no end date"}
                .
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
  return (
    <BlockStack gap="100">
      <InlineStack align="space-between">
        <Text as="span" variant="headingSm">
          {label}
        </Text>
        <Text as="span" tone="subdued">
          {done.toLocaleString("en")} of {total.toLocaleString("en")}
        </Text>
      </InlineStack>
      <ProgressBar
        progress={total > 0 ? Math.min(100, (done / total) * 100) : 0}
        size="small"
        animated={false}
      />
    </BlockStack>
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

// Inside Shopify admin a plain link carries no session token; fetch does (App Bridge adds it),
// so the file is fetched, then handed to the browser to save.
function DownloadCodes({ campaignId }: { campaignId: string }) {
  const [state, setState] = useState<"idle" | "loading" | "failed">("idle");
  async function download() {
    setState("loading");
    try {
      const response = await fetch(`/app/campaigns/${campaignId}/codes`);
      if (!response.ok) throw new Error(String(response.status));
      const name =
        /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ??
        "codes.csv";
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement("a"), { href: url, download: name });
      link.click();
      URL.revokeObjectURL(url);
      setState("idle");
    } catch {
      setState("failed");
    }
  }
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
