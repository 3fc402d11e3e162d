// A partner's API access: its keys (created, rotated, revoked here; the secret shown once), its
// webhook endpoint and the log of deliveries to it.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  ChoiceList,
  DataTable,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useEffect, useState } from "react";
import { authenticate } from "../shopify.server";
import { partnerApiPage, runPartnerApiAction } from "../partner-api/admin-page.server";
import { GRACE_CHOICES } from "../partner-api/grace";
import { FormTextField } from "../components/FormTextField";
import { KeyboardScrollable } from "../components/KeyboardScrollable";
import { SectionCard } from "../components/SectionCard";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const page = await partnerApiPage(session.shop, params.id ?? "");
  if (!page) throw new Response("No such partner", { status: 404 });
  return { ...page, origin: new URL(request.url).origin };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return runPartnerApiAction(session.shop, params.id ?? "", await request.formData());
};

const STATE_BADGES = {
  active: <Badge tone="success">Active</Badge>,
  expiring: <Badge tone="attention">Rotated</Badge>,
  expired: <Badge>Expired</Badge>,
  revoked: <Badge tone="critical">Revoked</Badge>,
};

/** A secret shown once, to copy. */
function ShownOnce(props: { label: string; value: string }) {
  return (
    <TextField
      label={props.label}
      value={props.value}
      readOnly
      autoComplete="off"
      monospaced
      selectTextOnFocus
    />
  );
}

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : "Never";
}

export default function PartnerApiPage() {
  const { partner, keys, webhook, deliveries, campaigns, allocations, origin } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [label, setLabel] = useState("");
  const [campaignIds, setCampaignIds] = useState<string[]>([]);
  const [allocationIds, setAllocationIds] = useState<string[]>([]);
  const [url, setUrl] = useState(webhook?.url ?? "");
  const [grace, setGrace] = useState("24");
  const title = `API access: ${partner.name}`;

  // A key was made: the form starts empty for the next one.
  useEffect(() => {
    if (result?.ok && "token" in result && result.token) {
      setLabel("");
      setCampaignIds([]);
      setAllocationIds([]);
    }
  }, [result]);

  return (
    <Page title={title} backAction={{ content: partner.name, url: `/app/partners/${partner.id}` }}>
      <TitleBar title={title} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && (
              <Banner tone={result.ok ? "success" : "critical"}>
                <BlockStack gap="200">
                  <Text as="p">{result.message}</Text>
                  {"token" in result && result.token && (
                    <ShownOnce label="API key" value={result.token} />
                  )}
                  {"secret" in result && result.secret && (
                    <ShownOnce label="Webhook signing secret" value={result.secret} />
                  )}
                </BlockStack>
              </Banner>
            )}

            <SectionCard title="API keys" gap="400">
              {keys.length === 0 ? (
                <Text as="p" tone="subdued">
                  No keys yet. A key lets this partner claim codes and read its codes and sales.
                </Text>
              ) : (
                <BlockStack gap="300">
                  {keys.map((k) => (
                    <InlineStack key={k.id} align="space-between" blockAlign="center" gap="200">
                      <BlockStack gap="100">
                        <InlineStack gap="200" blockAlign="center">
                          <Text as="span" fontWeight="semibold">
                            {k.label}
                          </Text>
                          {STATE_BADGES[k.state]}
                        </InlineStack>
                        <Text as="p" tone="subdued">
                          oc_{k.prefix}_… · last used {when(k.lastUsedAt)}
                          {k.state === "expiring" && ` · works until ${when(k.expiresAt)}`} ·{" "}
                          {k.limits ? `limited to ${k.limits}` : "everything of this partner"}
                        </Text>
                      </BlockStack>
                      {k.state === "active" && (
                        <InlineStack gap="200">
                          <Form method="post">
                            <input type="hidden" name="intent" value="rotate-key" />
                            <input type="hidden" name="keyId" value={k.id} />
                            <input type="hidden" name="graceHours" value={grace} />
                            <Button submit loading={busy}>
                              Rotate
                            </Button>
                          </Form>
                          <Form method="post">
                            <input type="hidden" name="intent" value="revoke-key" />
                            <input type="hidden" name="keyId" value={k.id} />
                            <Button submit tone="critical" loading={busy}>
                              Revoke
                            </Button>
                          </Form>
                        </InlineStack>
                      )}
                    </InlineStack>
                  ))}
                </BlockStack>
              )}
              {keys.some((k) => k.state === "active") && (
                <Select
                  label="When rotating"
                  options={GRACE_CHOICES.map((c) => ({ label: c.label, value: c.value }))}
                  value={grace}
                  onChange={setGrace}
                  helpText="The new key works at once; the old one keeps working this long so the partner can switch without a gap."
                />
              )}
              <Form method="post">
                <input type="hidden" name="intent" value="create-key" />
                {campaignIds.map((id) => (
                  <input key={id} type="hidden" name="campaignIds" value={id} />
                ))}
                {allocationIds.map((id) => (
                  <input key={id} type="hidden" name="allocationIds" value={id} />
                ))}
                <BlockStack gap="300">
                  <FormTextField
                    label="New key's name"
                    name="label"
                    value={label}
                    onChange={setLabel}
                    placeholder="Production CRM"
                  />
                  {campaigns.length > 0 && (
                    <ChoiceList
                      allowMultiple
                      title="Limit to campaigns (none chosen: all of this shop's campaigns)"
                      choices={campaigns.map((c) => ({ label: c.name, value: c.id }))}
                      selected={campaignIds}
                      onChange={setCampaignIds}
                    />
                  )}
                  {allocations.length > 0 && (
                    <ChoiceList
                      allowMultiple
                      title="Limit to allocations (none chosen: all of this partner's)"
                      choices={allocations.map((a) => ({ label: a.label, value: a.id }))}
                      selected={allocationIds}
                      onChange={setAllocationIds}
                    />
                  )}
                  <InlineStack>
                    <Button submit variant="primary" loading={busy}>
                      Create key
                    </Button>
                  </InlineStack>
                </BlockStack>
              </Form>
            </SectionCard>

            <SectionCard title="Webhooks">
              <Text as="p" tone="subdued">
                OneCode POSTs this partner&apos;s redemptions, cancellations and refunds to its
                HTTPS endpoint, signed with a secret (header OneCode-Signature, an HMAC-SHA256 of
                the timestamp and the body), and retries for three days if it does not answer.
              </Text>
              <Form method="post">
                <input type="hidden" name="intent" value="save-webhook" />
                <BlockStack gap="200">
                  <FormTextField
                    label="Endpoint"
                    name="url"
                    type="url"
                    value={url}
                    onChange={setUrl}
                    placeholder="https://partner.example/onecode-webhooks"
                  />
                  <InlineStack gap="200">
                    <Button submit variant="primary" loading={busy}>
                      {webhook ? "Save and make a new secret" : "Save"}
                    </Button>
                  </InlineStack>
                </BlockStack>
              </Form>
              {webhook && (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-webhook" />
                  <Button submit tone="critical" variant="plain" loading={busy}>
                    Remove endpoint
                  </Button>
                </Form>
              )}
            </SectionCard>

            <SectionCard
              title="Delivery log"
              empty={deliveries.length === 0 && "No webhook sent yet."}
            >
              <KeyboardScrollable label="Webhook deliveries">
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "text", "text"]}
                  headings={["Time", "Event", "Attempt", "Answer", "Event state"]}
                  rows={deliveries.map((d) => [
                    when(d.attemptedAt),
                    d.topic,
                    d.attempt,
                    <Text as="span" key="o" tone={d.ok ? "success" : "critical"}>
                      {d.outcome}
                    </Text>,
                    d.eventState,
                  ])}
                />
              </KeyboardScrollable>
            </SectionCard>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <SectionCard title="For the partner's developers" gap="200">
            <Text as="p">
              The API is described at{" "}
              <Text as="span" fontWeight="medium">
                {origin}/api/v1/openapi.json
              </Text>
              . Send the key as <code>Authorization: Bearer oc_…</code>, never in a URL.
            </Text>
          </SectionCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
