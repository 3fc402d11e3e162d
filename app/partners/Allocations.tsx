// The allocations section of the campaign page and the partner page: the allocate form and the
// list, each allocation with its counts, its CSV download (the handing out), top up and revoke.
// Forms post to /app/allocations through a fetcher, so the page around them keeps its state.
import { useFetcher, useRevalidator } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  FormLayout,
  IndexTable,
  InlineStack,
  Link,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { AllocationActionResult } from "./allocation-actions.server";
import { CHANNEL_SUGGESTIONS } from "./allocation-input";
import { ConfirmButton } from "./ConfirmButton";
import { useFileDownload } from "../components/use-file-download";
import type { AllocationSummary } from "./allocation-counts.server";

const ACTION = "/app/allocations";
const fmt = (n: number) => n.toLocaleString("en-US");

interface Option {
  id: string;
  name: string;
}

/**
 * `campaignId` fixed (campaign page: choose a partner or channel), or `partnerId` fixed (partner
 * page: choose a campaign).
 */
export function AllocateForm(
  props:
    | { campaignId: string; partners: Option[]; disabledReason?: string | null }
    | { partnerId: string; campaigns: Option[]; disabledReason?: string | null },
) {
  const fetcher = useFetcher<AllocationActionResult>();
  const mint = useFetcher<AllocationActionResult>();
  const byCampaign = "campaignId" in props;
  const [campaignId, setCampaignId] = useState(byCampaign ? "" : (props.campaigns[0]?.id ?? ""));
  const [to, setTo] = useState(
    byCampaign
      ? props.partners[0]
        ? `partner:${props.partners[0].id}`
        : "channel"
      : `partner:${props.partnerId}`,
  );
  const [channel, setChannel] = useState<string>(CHANNEL_SUGGESTIONS[0]);
  const [quantity, setQuantity] = useState("100");
  const result = fetcher.data;
  const errors = result && !result.ok ? (result.errors ?? {}) : {};
  const busy = fetcher.state !== "idle";

  const targetOptions = byCampaign
    ? [
        ...props.partners.map((p) => ({ label: p.name, value: `partner:${p.id}` })),
        { label: "A channel (no partner)…", value: "channel" },
      ]
    : [];

  return (
    <Card>
      <fetcher.Form method="post" action={ACTION}>
        <input type="hidden" name="intent" value="allocate" />
        <input type="hidden" name="campaignId" value={byCampaign ? props.campaignId : campaignId} />
        {!byCampaign && <input type="hidden" name="to" value={to} />}
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Allocate codes
          </Text>
          {props.disabledReason ? (
            <Text as="p" tone="subdued">
              {props.disabledReason}
            </Text>
          ) : (
            <FormLayout>
              {byCampaign ? (
                <Select
                  label="To"
                  name="to"
                  options={targetOptions}
                  value={to}
                  onChange={setTo}
                  error={errors.to}
                />
              ) : (
                <Select
                  label="Campaign"
                  options={props.campaigns.map((c) => ({ label: c.name, value: c.id }))}
                  value={campaignId}
                  onChange={setCampaignId}
                  error={errors.campaignId}
                  placeholder={
                    props.campaigns.length === 0 ? "No campaign takes codes yet" : undefined
                  }
                />
              )}
              {to === "channel" && (
                <TextField
                  label="Channel"
                  name="channel"
                  value={channel}
                  onChange={setChannel}
                  autoComplete="off"
                  helpText={`For example ${CHANNEL_SUGGESTIONS.join(", ")}.`}
                  error={errors.channel}
                />
              )}
              <TextField
                label="Number of codes"
                name="quantity"
                type="number"
                min={1}
                value={quantity}
                onChange={setQuantity}
                autoComplete="off"
                error={errors.quantity}
              />
              <Button submit variant="primary" loading={busy}>
                Allocate
              </Button>
            </FormLayout>
          )}
          {result && (
            <Banner tone={result.ok ? "success" : "critical"}>
              <BlockStack gap="200">
                <p>{result.message}</p>
                {!result.ok && result.shortfall && !mint.data && (
                  <InlineStack>
                    <Button
                      loading={mint.state !== "idle"}
                      onClick={() =>
                        mint.submit(
                          {
                            intent: "mint-shortfall",
                            campaignId: result.shortfall!.campaignId,
                            count: String(result.shortfall!.count),
                          },
                          { method: "post", action: ACTION },
                        )
                      }
                    >
                      {`Mint ${fmt(result.shortfall.count)} more codes`}
                    </Button>
                  </InlineStack>
                )}
              </BlockStack>
            </Banner>
          )}
          {mint.data && (
            <Banner tone={mint.data.ok ? "info" : "critical"}>{mint.data.message}</Banner>
          )}
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

/** The allocations, with the campaign (partner page) or who got them (campaign page). */
export function AllocationList({
  allocations,
  show,
}: {
  allocations: AllocationSummary[];
  show: "campaign" | "recipient";
}) {
  const act = useFetcher<AllocationActionResult>();
  return (
    <Card padding="0">
      <Box padding="400">
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Allocations
          </Text>
          {act.data && (
            <Banner tone={act.data.ok ? "success" : "critical"}>{act.data.message}</Banner>
          )}
        </BlockStack>
      </Box>
      {allocations.length === 0 ? (
        <Box padding="400" paddingBlockStart="0">
          <Text as="p" tone="subdued">
            No codes allocated yet. Allocate some, then download them as CSV to hand them out.
          </Text>
        </Box>
      ) : (
        <IndexTable
          resourceName={{ singular: "allocation", plural: "allocations" }}
          itemCount={allocations.length}
          selectable={false}
          headings={[
            { title: show === "campaign" ? "Campaign" : "Given to" },
            { title: "Allocated", alignment: "end" },
            { title: "Handed out", alignment: "end" },
            { title: "Redeemed", alignment: "end" },
            { title: "Revoked", alignment: "end" },
            { title: "Sales" },
            { title: "" },
          ]}
        >
          {allocations.map((a, index) => (
            <IndexTable.Row id={a.id} key={a.id} position={index}>
              <IndexTable.Cell>
                <InlineStack gap="200" blockAlign="center">
                  {show === "campaign" ? (
                    <Link url={`/app/campaigns/${a.campaignId}`} removeUnderline>
                      <Text as="span" fontWeight="semibold">
                        {a.campaignName}
                      </Text>
                    </Link>
                  ) : (
                    <Text as="span" fontWeight="semibold">
                      {a.label}
                    </Text>
                  )}
                  {a.channel && show === "recipient" && <Badge>channel</Badge>}
                  {a.revokedAt && <Badge tone="critical">revoked</Badge>}
                </InlineStack>
              </IndexTable.Cell>
              <Count value={a.counts.allocated} />
              <Count value={a.counts.handedOut} />
              <Count value={a.counts.redeemed} />
              <Count value={a.counts.revoked} />
              <IndexTable.Cell>
                {a.sales.orders === 0
                  ? "—"
                  : `${fmt(a.sales.orders)} ${a.sales.orders === 1 ? "order" : "orders"} · ${a.sales.totals
                      .map((t) => `${t.total} ${t.currency}`)
                      .join(", ")}`}
              </IndexTable.Cell>
              <IndexTable.Cell>
                {!a.revokedAt && (
                  // Stacked: side by side they ran past the card's edge and hid Revoke.
                  <BlockStack gap="100" inlineAlign="start">
                    {a.channel !== "published" && <DownloadAllocation allocation={a} />}
                    {a.channel !== "published" && <TopUp allocationId={a.id} />}
                    <ConfirmButton
                      plain
                      label="Revoke"
                      question={`Stop its ${fmt(a.counts.allocated + a.counts.handedOut)} unredeemed codes?`}
                      confirmLabel="Revoke codes"
                      loading={act.state !== "idle"}
                      onConfirm={() =>
                        act.submit(
                          { intent: "revoke", allocationId: a.id },
                          { method: "post", action: ACTION },
                        )
                      }
                    />
                  </BlockStack>
                )}
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      )}
    </Card>
  );
}

function Count({ value }: { value: number }) {
  return (
    <IndexTable.Cell>
      <Text as="span" alignment="end" numeric>
        {fmt(value)}
      </Text>
    </IndexTable.Cell>
  );
}

function TopUp({ allocationId }: { allocationId: string }) {
  const fetcher = useFetcher<AllocationActionResult>();
  const [open, setOpen] = useState(false);
  const [quantity, setQuantity] = useState("100");
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) setOpen(false);
  }, [fetcher.state, fetcher.data]);
  if (!open) {
    return (
      <Button variant="plain" onClick={() => setOpen(true)}>
        Top up
      </Button>
    );
  }
  return (
    <fetcher.Form method="post" action={ACTION}>
      <input type="hidden" name="intent" value="top-up" />
      <input type="hidden" name="allocationId" value={allocationId} />
      <InlineStack gap="100" blockAlign="center" wrap={false}>
        <div style={{ width: "7rem" }}>
          <TextField
            label="More codes"
            labelHidden
            name="quantity"
            type="number"
            min={1}
            value={quantity}
            onChange={setQuantity}
            autoComplete="off"
            error={fetcher.data && !fetcher.data.ok ? fetcher.data.message : undefined}
          />
        </div>
        <Button submit size="slim" loading={fetcher.state !== "idle"}>
          Add
        </Button>
      </InlineStack>
    </fetcher.Form>
  );
}

// The page reloads its counts after the download, since it has just handed the codes out.
function DownloadAllocation({ allocation }: { allocation: AllocationSummary }) {
  const revalidator = useRevalidator();
  const { state, download } = useFileDownload(`/app/allocations/${allocation.id}/codes`, () =>
    revalidator.revalidate(),
  );
  return (
    <Button variant="plain" onClick={download} loading={state === "loading"}>
      {state === "failed" ? "Download failed: retry" : "Download CSV"}
    </Button>
  );
}
