// One card of the editor, with the errors of its section that no single field shows.
import { Banner, BlockStack, Card, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

export function SectionCard(props: { title: string; messages: string[]; children: ReactNode }) {
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {props.title}
        </Text>
        {props.messages.length > 0 && (
          <Banner tone="critical">
            <BlockStack gap="100">
              {props.messages.map((message) => (
                <Text as="p" key={message}>
                  {message}
                </Text>
              ))}
            </BlockStack>
          </Banner>
        )}
        {props.children}
      </BlockStack>
    </Card>
  );
}
