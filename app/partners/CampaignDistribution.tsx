// The campaign page's part about how codes leave OneCode: allocations (list and form) for a
// campaign given out through allocations, and the import of the merchant's own codes.
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, List, Text } from "@shopify/polaris";
import { useEffect, useId, useState } from "react";
import type { ImportResult } from "./import-codes.server";
import type { campaignAllocations } from "./partner-page.server";
import { AllocateForm, AllocationList } from "./Allocations";
import { CODES_FILE_FIELD } from "./import-fields";

type Section = NonNullable<Awaited<ReturnType<typeof campaignAllocations>>>;

export function CampaignAllocations({
  campaignId,
  section,
}: {
  campaignId: string;
  section: Section;
}) {
  if (section.bound) return null;
  return (
    <BlockStack gap="400">
      {section.distribution === "published" ? (
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              Published as a whole
            </Text>
            <Text as="p" tone="subdued">
              This campaign&apos;s codes are not allocated: downloading the full list (Download
              codes) hands out every code in it, and you send the list on yourself.
            </Text>
          </BlockStack>
        </Card>
      ) : (
        <>
          <AllocationList allocations={section.allocations} show="recipient" />
          <AllocateForm
            campaignId={campaignId}
            partners={section.partners}
            disabledReason={section.disabledReason}
          />
        </>
      )}
      {!section.closed && <ImportCodes campaignId={campaignId} />}
    </BlockStack>
  );
}

/** Upload a CSV of the merchant's own codes; all or nothing, problems listed line by line. */
export function ImportCodes({ campaignId }: { campaignId: string }) {
  const fetcher = useFetcher<ImportResult>();
  const [formKey, setFormKey] = useState(0);
  const result = fetcher.data;
  useEffect(() => {
    if (fetcher.state === "idle" && result?.ok) setFormKey((key) => key + 1);
  }, [fetcher.state, result]);
  const fileInputId = useId();
  return (
    <Card>
      <fetcher.Form
        method="post"
        action={`/app/campaigns/${campaignId}/import`}
        encType="multipart/form-data"
        key={formKey}
      >
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Import your own codes
          </Text>
          <Text as="p" tone="subdued">
            A CSV file with one code a row (a column named &quot;code&quot;, or the first column).
            Every code goes in or none does; codes this store already has are refused.
          </Text>
          <BlockStack gap="100">
            <label htmlFor={fileInputId}>
              <Text as="span">CSV file of codes</Text>
            </label>
            <input
              id={fileInputId}
              type="file"
              name={CODES_FILE_FIELD}
              accept=".csv,text/csv,text/plain"
            />
          </BlockStack>
          <InlineStack>
            <Button submit loading={fetcher.state !== "idle"}>
              Import codes
            </Button>
          </InlineStack>
          {result && (
            <Banner tone={result.ok ? "success" : "critical"}>
              <BlockStack gap="200">
                <p>{result.message}</p>
                {!result.ok && result.problems.length > 0 && (
                  <List>
                    {result.problems.map((p, i) => (
                      <List.Item key={i}>
                        {p.line !== null ? `Line ${p.line}: ` : ""}
                        {p.code && p.reason !== "duplicate" ? `${p.code}: ` : ""}
                        {p.message}
                      </List.Item>
                    ))}
                  </List>
                )}
              </BlockStack>
            </Banner>
          )}
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}
