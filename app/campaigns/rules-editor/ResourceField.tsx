// A list of products or collections chosen through App Bridge's resource picker, shown by title
// and removable one by one.
import { BlockStack, Button, InlineStack, Tag, Text } from "@shopify/polaris";
import type { ResourceTitles } from "./form-state";
import { usePicker } from "./use-picker";

export interface ResourceFieldProps {
  label: string;
  type: "product" | "collection";
  ids: string[];
  titles: ResourceTitles;
  onChange(ids: string[], titles: ResourceTitles): void;
  helpText?: string;
  error?: string;
}

/** A readable name for an id whose title is not known (e.g. a product deleted since). */
export function titleOf(id: string, titles: ResourceTitles): string {
  if (titles[id]) return titles[id];
  const type = id.includes("/Collection/") ? "Collection" : "Product";
  return `${type} ${id.split("/").pop() ?? id}`;
}

export function ResourceField(props: ResourceFieldProps) {
  const { label, type, ids, titles, onChange, helpText, error } = props;
  const picker = usePicker(type);

  async function choose() {
    const picked = await picker.pick(ids);
    if (picked) onChange(picked.ids, picked.titles);
  }

  const shown = error ?? picker.error;
  return (
    <BlockStack gap="200">
      <InlineStack align="space-between" blockAlign="center" gap="200">
        <Text as="span" variant="bodyMd" fontWeight="medium">
          {label}
        </Text>
        <Button onClick={choose} accessibilityLabel={`Choose ${label.toLowerCase()}`}>
          {ids.length === 0 ? "Choose" : "Change"}
        </Button>
      </InlineStack>
      {ids.length === 0 ? (
        <Text as="p" tone="subdued">
          None chosen
        </Text>
      ) : (
        <InlineStack gap="200">
          {ids.map((id) => (
            <Tag
              key={id}
              onRemove={() =>
                onChange(
                  ids.filter((other) => other !== id),
                  {},
                )
              }
            >
              {titleOf(id, titles)}
            </Tag>
          ))}
        </InlineStack>
      )}
      {helpText && (
        <Text as="p" tone="subdued">
          {helpText}
        </Text>
      )}
      {shown && (
        <Text as="p" tone="critical">
          {shown}
        </Text>
      )}
    </BlockStack>
  );
}
