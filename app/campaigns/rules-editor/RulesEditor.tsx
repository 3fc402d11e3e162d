// The rules and reward editor, submitted as one hidden `rules` JSON field; the server's validator
// also runs here on every change, so each error shows beside its field before anything is sent.
import { Banner, BlockStack, Text } from "@shopify/polaris";
import { useEffect } from "react";
import type { RuleError } from "@onecode/checkout-rules/rules";
import { CustomersSection } from "./CustomersSection";
import type { ResourceTitles, RulesFormState } from "./form-state";
import { MessagesSection } from "./MessagesSection";
import { MinimumSection } from "./MinimumSection";
import { ProductsSection } from "./ProductsSection";
import { RewardSection } from "./RewardSection";
import { RULES_FIELD } from "./rules-field";
import { useRulesEditor } from "./use-rules-editor";

export interface RulesEditorProps {
  initial: RulesFormState;
  initialTitles: ResourceTitles;
  /** The campaign's id, or a stand-in for a new campaign (the server sets the real one). */
  campaignId: string;
  /** The errors the server found in the last submission. */
  serverErrors: readonly RuleError[];
  /** A submit was tried: show every error, including those of fields not changed yet. */
  showAllErrors?: boolean;
  /** Told whether the rules validate, so the form can stop a submit that would fail. */
  onValidChange?: (valid: boolean) => void;
}

export function RulesEditor(props: RulesEditorProps) {
  const model = useRulesEditor(props);
  const general = model.errors.sections.document;
  const { onValidChange } = props;
  useEffect(() => {
    onValidChange?.(model.valid);
  }, [onValidChange, model.valid]);
  return (
    <BlockStack gap="400">
      <input type="hidden" name={RULES_FIELD} value={model.json} />
      {general.length > 0 && (
        <Banner tone="critical" title="The rules cannot be saved">
          <BlockStack gap="100">
            {general.map((message) => (
              <Text as="p" key={message}>
                {message}
              </Text>
            ))}
          </BlockStack>
        </Banner>
      )}
      <RewardSection model={model} />
      <ProductsSection model={model} />
      <MinimumSection model={model} />
      <CustomersSection model={model} />
      <MessagesSection model={model} />
    </BlockStack>
  );
}
