// A bundle: every listed product in its quantity; the reward applies per complete bundle.
import { BlockStack, Button, InlineGrid, InlineStack, Text, TextField } from "@shopify/polaris";
import type { BundleItemState } from "./form-state";
import { titleOf } from "./ResourceField";
import { usePicker } from "./use-picker";
import type { RulesEditorModel } from "./use-rules-editor";
import { ValueField } from "./ValueField";

// The validator's limit (validateRules in @onecode/checkout-rules/rules).
const MAX_BUNDLE_ITEMS = 10;

export function BundleFields({ model }: { model: RulesEditorModel }) {
  const { state, titles, errors, updateReward, addTitles } = model;
  const reward = state.reward;
  const items = reward.bundleItems;
  const picker = usePicker("product");
  const setItems = (bundleItems: BundleItemState[]) => updateReward({ bundleItems });

  async function choose() {
    const picked = await picker.pick(
      items.map((item) => item.productId),
      MAX_BUNDLE_ITEMS,
    );
    if (!picked) return;
    addTitles(picked.titles);
    // Quantities already typed survive a new choice of products.
    const quantity = new Map(items.map((item) => [item.productId, item.quantity]));
    setItems(
      picked.ids.map((productId) => ({ productId, quantity: quantity.get(productId) ?? "1" })),
    );
  }

  return (
    <BlockStack gap="300">
      <InlineStack align="space-between" blockAlign="center">
        <Text as="span" variant="bodyMd" fontWeight="medium">
          Bundle products
        </Text>
        <Button onClick={choose} accessibilityLabel="Choose bundle products">
          {items.length === 0 ? "Choose" : "Change"}
        </Button>
      </InlineStack>
      {items.length === 0 && (
        <Text as="p" tone="subdued">
          Choose 2 to {MAX_BUNDLE_ITEMS} products. A bundle is complete when the cart holds each in
          its quantity.
        </Text>
      )}
      {items.map((item, index) => (
        <InlineGrid
          key={item.productId}
          columns={["twoThirds", "oneThird"]}
          gap="300"
          alignItems="end"
        >
          <BlockStack gap="100">
            <Text as="span">{titleOf(item.productId, titles)}</Text>
            <InlineStack>
              <Button
                variant="plain"
                tone="critical"
                accessibilityLabel={`Remove ${titleOf(item.productId, titles)} from the bundle`}
                onClick={() => setItems(items.filter((_, i) => i !== index))}
              >
                Remove
              </Button>
            </InlineStack>
          </BlockStack>
          <TextField
            label={`Quantity of ${titleOf(item.productId, titles)}`}
            value={item.quantity}
            onChange={(quantity) =>
              setItems(items.map((other, i) => (i === index ? { ...other, quantity } : other)))
            }
            autoComplete="off"
            inputMode="numeric"
            error={
              errors.fields[`reward.items.${index}.quantity`] ??
              errors.fields[`reward.items.${index}.productId`]
            }
          />
        </InlineGrid>
      ))}
      {(errors.fields["reward.items"] ?? picker.error) && (
        <Text as="p" tone="critical">
          {errors.fields["reward.items"] ?? picker.error}
        </Text>
      )}
      <ValueField
        label="Discount per bundle"
        kind={reward.bundleKind}
        value={reward.bundleValue}
        amountLabel="amount off each bundle"
        onChange={({ kind, value }) => updateReward({ bundleKind: kind, bundleValue: value })}
        error={errors.fields["reward.value"]}
      />
    </BlockStack>
  );
}
