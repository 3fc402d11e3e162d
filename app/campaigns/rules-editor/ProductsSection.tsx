// Which products the campaign is for: include and exclude lists of products and collections.
import { BlockStack, InlineGrid, Text } from "@shopify/polaris";
import { ResourceField } from "./ResourceField";
import { SectionCard } from "./SectionCard";
import type { RulesEditorModel } from "./use-rules-editor";

export function ProductsSection({ model }: { model: RulesEditorModel }) {
  const { state, titles, errors, update, addTitles } = model;
  const field = (
    key:
      "includeProductIds" | "includeCollectionIds" | "excludeProductIds" | "excludeCollectionIds",
  ) => ({
    ids: state[key],
    titles,
    error: errors.fields[key],
    onChange: (ids: string[], chosen: Record<string, string>) => {
      addTitles(chosen);
      update({ [key]: ids });
    },
  });
  return (
    <SectionCard title="Eligible products" messages={errors.sections.products}>
      <Text as="p" tone="subdued">
        A product is eligible when it is one of the chosen products or in one of the chosen
        collections (with none chosen, every product is), and is neither excluded nor in an excluded
        collection.
      </Text>
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
        <BlockStack gap="400">
          <ResourceField
            label="Only these products"
            type="product"
            {...field("includeProductIds")}
          />
          <ResourceField
            label="Only these collections"
            type="collection"
            {...field("includeCollectionIds")}
          />
        </BlockStack>
        <BlockStack gap="400">
          <ResourceField label="Excluded products" type="product" {...field("excludeProductIds")} />
          <ResourceField
            label="Excluded collections"
            type="collection"
            {...field("excludeCollectionIds")}
          />
        </BlockStack>
      </InlineGrid>
    </SectionCard>
  );
}
