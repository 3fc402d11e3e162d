// Who may use a code: customer tags, first order only, once per customer in the campaign.
import { Checkbox, FormLayout, InlineGrid, TextField } from "@shopify/polaris";
import { SectionCard } from "./SectionCard";
import type { RulesEditorModel } from "./use-rules-editor";

export function CustomersSection({ model }: { model: RulesEditorModel }) {
  const { state, errors, update } = model;
  return (
    <SectionCard title="Customers" messages={errors.sections.customers}>
      <FormLayout>
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
          <TextField
            label="Required customer tags"
            value={state.requiredTags}
            onChange={(requiredTags) => update({ requiredTags })}
            autoComplete="off"
            placeholder="vip, wholesale"
            helpText="Separate tags with commas. The customer needs at least one of them."
            error={errors.fields.requiredCustomerTags}
          />
          <TextField
            label="Excluded customer tags"
            value={state.excludedTags}
            onChange={(excludedTags) => update({ excludedTags })}
            autoComplete="off"
            placeholder="staff"
            helpText="A customer with any of these tags gets no discount."
            error={errors.fields.excludedCustomerTags}
          />
        </InlineGrid>
        <Checkbox
          label="First order only"
          helpText="Only a signed-in customer with no earlier order qualifies; guests are asked to sign in."
          checked={state.firstOrderOnly}
          onChange={(firstOrderOnly) => update({ firstOrderOnly })}
          error={errors.fields.firstOrderOnly}
        />
        <Checkbox
          label="One code per customer in this campaign"
          helpText="Off: anyone with a code can use it, guests included (each code still works once). On: a customer gets one discount from this campaign however many codes they hold, but every shopper must sign in to use a code, and guests are asked to. A second code is refused once the first order is recorded, a few moments after it."
          checked={state.oncePerCustomer}
          onChange={(oncePerCustomer) => update({ oncePerCustomer })}
          error={errors.fields.oncePerCustomer}
        />
      </FormLayout>
    </SectionCard>
  );
}
