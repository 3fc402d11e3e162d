// The minimum spend before a code gives anything.
import { Checkbox, FormLayout, TextField } from "@shopify/polaris";
import { SectionCard } from "./SectionCard";
import type { RulesEditorModel } from "./use-rules-editor";

export function MinimumSection({ model }: { model: RulesEditorModel }) {
  const { state, errors, update } = model;
  return (
    <SectionCard title="Minimum purchase" messages={errors.sections.minimum}>
      <FormLayout>
        <TextField
          label="Minimum subtotal (optional)"
          value={state.minSubtotal}
          onChange={(minSubtotal) => update({ minSubtotal })}
          autoComplete="off"
          inputMode="decimal"
          placeholder="No minimum"
          helpText="In your store's currency; converted at checkout for shoppers paying in another."
          error={errors.fields["minSubtotal.amount"]}
        />
        <Checkbox
          label="Count eligible products only"
          helpText="When ticked, only eligible products count towards the minimum."
          checked={state.minEligibleOnly}
          disabled={state.minSubtotal.trim() === ""}
          onChange={(minEligibleOnly) => update({ minEligibleOnly })}
        />
      </FormLayout>
    </SectionCard>
  );
}
