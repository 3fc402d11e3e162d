// Buy X get Y: for every `buy` eligible units, `get` units (cheapest first) at `percent` off.
import { FormLayout, InlineGrid, TextField } from "@shopify/polaris";
import { ResourceField } from "./ResourceField";
import type { RulesEditorModel } from "./use-rules-editor";

export function BxgyFields({ model }: { model: RulesEditorModel }) {
  const { state, titles, errors, updateReward, addTitles } = model;
  const reward = state.reward;
  return (
    <FormLayout>
      <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
        <TextField
          label="Customer buys (units)"
          value={reward.buy}
          onChange={(buy) => updateReward({ buy })}
          autoComplete="off"
          inputMode="numeric"
          error={errors.fields["reward.buy"]}
        />
        <TextField
          label="Customer gets (units)"
          value={reward.get}
          onChange={(get) => updateReward({ get })}
          autoComplete="off"
          inputMode="numeric"
          error={errors.fields["reward.get"]}
        />
        <TextField
          label="Discount on those units"
          value={reward.getPercent}
          onChange={(getPercent) => updateReward({ getPercent })}
          autoComplete="off"
          inputMode="decimal"
          suffix="%"
          helpText="100% makes them free."
          error={errors.fields["reward.percent"]}
        />
      </InlineGrid>
      <ResourceField
        label="Products the customer gets"
        type="product"
        ids={reward.getProductIds}
        titles={titles}
        onChange={(getProductIds, chosen) => {
          addTitles(chosen);
          updateReward({ getProductIds });
        }}
        helpText="With none chosen, the discounted units are the cheapest eligible ones in the cart."
        error={errors.fields["reward.getProductIds"]}
      />
    </FormLayout>
  );
}
