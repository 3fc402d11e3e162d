// Tiered rewards: spend thresholds, each with its own value; the best tier reached wins.
import { BlockStack, Button, InlineGrid, InlineStack, Text, TextField } from "@shopify/polaris";
import type { TierState } from "./form-state";
import { ValueField } from "./ValueField";
import type { RulesEditorModel } from "./use-rules-editor";

// The validator's limit (validateRules in @onecode/checkout-rules/rules): more tiers would only lengthen the metafield.
const MAX_TIERS = 10;

export function TiersField({ model }: { model: RulesEditorModel }) {
  const { state, errors, updateReward } = model;
  const tiers = state.reward.tiers;
  const setTiers = (next: TierState[]) => updateReward({ tiers: next });
  const change = (index: number, patch: Partial<TierState>) =>
    setTiers(tiers.map((tier, i) => (i === index ? { ...tier, ...patch } : tier)));
  return (
    <BlockStack gap="300">
      <Text as="p" tone="subdued">
        Spend is the subtotal of eligible products. Of the tiers reached, the one giving the largest
        discount applies.
      </Text>
      {tiers.map((tier, index) => (
        <InlineGrid key={index} columns={["oneThird", "twoThirds"]} gap="300">
          <TextField
            label={`Tier ${index + 1}: spend from`}
            value={tier.from}
            onChange={(from) => change(index, { from })}
            autoComplete="off"
            inputMode="decimal"
            error={errors.fields[`reward.tiers.${index}.from`]}
          />
          <BlockStack gap="100">
            <ValueField
              label={`Tier ${index + 1}: discount`}
              kind={tier.kind}
              value={tier.value}
              onChange={(value) => change(index, value)}
              error={errors.fields[`reward.tiers.${index}.value`]}
            />
            <InlineStack align="end">
              <Button
                variant="plain"
                tone="critical"
                accessibilityLabel={`Remove tier ${index + 1}`}
                disabled={tiers.length === 1}
                onClick={() => setTiers(tiers.filter((_, i) => i !== index))}
              >
                Remove
              </Button>
            </InlineStack>
          </BlockStack>
        </InlineGrid>
      ))}
      {errors.fields["reward.tiers"] && (
        <Text as="p" tone="critical">
          {errors.fields["reward.tiers"]}
        </Text>
      )}
      <InlineStack>
        <Button
          disabled={tiers.length >= MAX_TIERS}
          onClick={() =>
            setTiers([...tiers, { from: "", kind: tiers.at(-1)?.kind ?? "percent", value: "" }])
          }
        >
          Add tier
        </Button>
      </InlineStack>
    </BlockStack>
  );
}
