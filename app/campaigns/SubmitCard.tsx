import { BlockStack, Button, Card, Text } from "@shopify/polaris";

/** The side card of a campaign form: what submitting does, and the button that does it. */
export function SubmitCard({
  explanation,
  label,
  loading,
}: {
  explanation: string;
  label: string;
  loading: boolean;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="p">{explanation}</Text>
        <Button submit variant="primary" loading={loading}>
          {label}
        </Button>
      </BlockStack>
    </Card>
  );
}
