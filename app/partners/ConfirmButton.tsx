import { Button, InlineStack, Text } from "@shopify/polaris";
import { useState } from "react";

/**
 * A destructive button that asks first, in the page itself: browsers may refuse `confirm()`
 * dialogs from an app embedded in the admin's cross-origin frame.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  loading,
  plain,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  loading?: boolean;
  plain?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button
        tone="critical"
        variant={plain ? "plain" : undefined}
        loading={loading}
        onClick={() => setAsking(true)}
      >
        {label}
      </Button>
    );
  }
  return (
    <InlineStack gap="200" blockAlign="center" wrap={!plain}>
      <Text as="span" tone="critical">
        {question}
      </Text>
      <Button
        tone="critical"
        variant="primary"
        size="slim"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </Button>
      <Button size="slim" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </InlineStack>
  );
}
