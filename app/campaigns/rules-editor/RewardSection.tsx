// The reward: what a code is worth once the rules are met, and the most it may ever give.
import { ChoiceList, FormLayout, InlineGrid, Select, Text, TextField } from "@shopify/polaris";
import { BundleFields } from "./BundleFields";
import { BxgyFields } from "./BxgyFields";
import type { RewardChoice } from "./form-state";
import { SectionCard } from "./SectionCard";
import { TiersField } from "./TiersField";
import type { RulesEditorModel } from "./use-rules-editor";

const CHOICES: { label: string; value: RewardChoice }[] = [
  { label: "Percentage off", value: "percent" },
  { label: "Fixed amount off", value: "amount" },
  { label: "Tiered by spend", value: "tiered" },
  { label: "Free shipping", value: "freeShipping" },
  { label: "Buy X get Y", value: "bxgy" },
  { label: "Bundle", value: "bundle" },
];

export function RewardSection({ model }: { model: RulesEditorModel }) {
  const { state, errors, updateReward } = model;
  const reward = state.reward;
  const choice = reward.choice;
  const onTarget = choice === "percent" || choice === "amount" || choice === "tiered";
  return (
    <SectionCard title="Reward" messages={errors.sections.reward}>
      <FormLayout>
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
          <Select
            label="Reward type"
            options={CHOICES}
            value={choice}
            onChange={(next) => updateReward({ choice: next as RewardChoice })}
            error={errors.fields["reward.kind"]}
          />
          {(choice === "percent" || choice === "amount") && (
            <TextField
              label={choice === "percent" ? "Percentage" : "Amount"}
              value={reward.value}
              onChange={(value) => updateReward({ value })}
              autoComplete="off"
              inputMode="decimal"
              suffix={choice === "percent" ? "%" : undefined}
              helpText={choice === "amount" ? "In your store's currency." : undefined}
              error={errors.fields["reward.value"]}
            />
          )}
        </InlineGrid>
        {onTarget && (
          <ChoiceList
            title="Applies to"
            choices={[
              {
                label: "The order",
                value: "order",
                helpText: "One discount on the order's subtotal of eligible products.",
              },
              {
                label: "Each eligible product",
                value: "eligible",
                helpText: "The discount is shown on each eligible line of the cart.",
              },
            ]}
            selected={[reward.target]}
            onChange={(value) =>
              updateReward({ target: value[0] === "eligible" ? "eligible" : "order" })
            }
            error={errors.fields["reward.target"]}
          />
        )}
        {choice === "tiered" && <TiersField model={model} />}
        {choice === "bxgy" && <BxgyFields model={model} />}
        {choice === "bundle" && <BundleFields model={model} />}
        {choice === "freeShipping" && (
          <Text as="p" tone="subdued">
            Shipping is free on the order when the rules are met.
          </Text>
        )}
        {choice !== "freeShipping" && (
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <TextField
              label="Maximum discount (optional)"
              value={reward.cap}
              onChange={(cap) => updateReward({ cap })}
              autoComplete="off"
              inputMode="decimal"
              placeholder="No maximum"
              helpText="The most one code takes off, in your store's currency."
              error={errors.fields["reward.cap"]}
            />
            {(choice === "bxgy" || choice === "bundle") && (
              <TextField
                label="Times per order (optional)"
                value={reward.maxUses}
                onChange={(maxUses) => updateReward({ maxUses })}
                autoComplete="off"
                inputMode="numeric"
                placeholder="No limit"
                helpText={
                  choice === "bxgy"
                    ? "How often the offer may repeat in one cart."
                    : "How many bundles in one cart are discounted."
                }
                error={errors.fields["reward.maxUses"]}
              />
            )}
          </InlineGrid>
        )}
      </FormLayout>
    </SectionCard>
  );
}
