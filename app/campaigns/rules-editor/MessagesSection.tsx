// What a shopper reads at checkout when a code of this campaign gives nothing: one message per
// rule the campaign uses, each blank for the default (shown as the placeholder).
import { BlockStack, FormLayout, Text, TextField } from "@shopify/polaris";
import {
  MAX_MESSAGE_LENGTH,
  PLACEHOLDERS,
  REASON_LABELS,
  defaultMessage,
  type Reason,
} from "@onecode/checkout-rules/messages";
import type { RulesFormState } from "./form-state";
import { SectionCard } from "./SectionCard";
import type { RulesEditorModel } from "./use-rules-editor";

/** The reasons this campaign's rules can give, in the order the checkout checks them. */
export function reasonsFor(state: RulesFormState): Reason[] {
  const tags = state.requiredTags.trim() !== "" || state.excludedTags.trim() !== "";
  const bound = state.boundKey !== null;
  const reward = state.reward.choice;
  const shown: [Reason, boolean][] = [
    ["signIn", tags || state.firstOrderOnly || state.oncePerCustomer || bound],
    ["otherAccount", bound],
    ["alreadyUsed", state.oncePerCustomer],
    ["firstOrder", state.firstOrderOnly],
    ["customerTag", tags],
    ["noEligibleProduct", reward !== "bundle"],
    ["minimumSpend", state.minSubtotal.trim() !== "" || reward === "tiered"],
    ["bundleIncomplete", reward === "bundle"],
  ];
  return shown.filter(([, used]) => used).map(([reason]) => reason);
}

const FILLED: Partial<Record<Reason, string>> = {
  minimumSpend: "the amount still missing, in the shopper's currency",
  bundleIncomplete: "the bundle's missing products",
  noEligibleProduct: "the included collections and products",
};

export function MessagesSection({ model }: { model: RulesEditorModel }) {
  const { state, errors, update } = model;
  const setMessage = (reason: Reason, text: string) =>
    update({ messages: { ...state.messages, [reason]: text } });
  return (
    <SectionCard title="What shoppers are told" messages={errors.sections.messages}>
      <BlockStack gap="300">
        <Text as="p" tone="subdued">
          When a code gives nothing, checkout shows the shopper why under the code. Leave a message
          blank to use the default, which is shown in the shopper&apos;s language (English, French,
          German or Spanish); your own wording is shown as written.
        </Text>
        <FormLayout>
          {reasonsFor(state).map((reason) => {
            const placeholder = PLACEHOLDERS[reason];
            return (
              <TextField
                key={reason}
                label={REASON_LABELS[reason]}
                value={state.messages[reason] ?? ""}
                onChange={(text) => setMessage(reason, text)}
                autoComplete="off"
                placeholder={defaultMessage(reason)}
                maxLength={MAX_MESSAGE_LENGTH}
                showCharacterCount
                helpText={
                  placeholder ? `${placeholder} is replaced with ${FILLED[reason]}.` : undefined
                }
                error={errors.fields[`messages.${reason}`]}
              />
            );
          })}
        </FormLayout>
      </BlockStack>
    </SectionCard>
  );
}
