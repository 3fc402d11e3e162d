// A card of a page: its heading, then its content, or a line saying there is nothing yet.
import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

export function SectionCard(props: {
  title: string;
  /** Shown instead of the content when set (e.g. "No webhook sent yet."). */
  empty?: string | false;
  /** Beside the heading, such as a link to more. */
  action?: ReactNode;
  gap?: "200" | "300" | "400";
  children?: ReactNode;
}) {
  const heading = (
    <Text as="h2" variant="headingMd">
      {props.title}
    </Text>
  );
  return (
    <Card>
      <BlockStack gap={props.gap ?? "300"}>
        {props.action ? (
          <InlineStack align="space-between" blockAlign="center">
            {heading}
            {props.action}
          </InlineStack>
        ) : (
          heading
        )}
        {props.empty ? (
          <Text as="p" tone="subdued">
            {props.empty}
          </Text>
        ) : (
          props.children
        )}
      </BlockStack>
    </Card>
  );
}
