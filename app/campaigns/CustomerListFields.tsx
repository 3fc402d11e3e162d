// The customers a bound campaign issues codes to: ids in a box, or a CSV file such as Shopify's
// customer export. The server reads both fields (customer-list-form.server.ts); this only shows them
// and the list's problems, line by line.
import { Banner, BlockStack, List, Text, TextField } from "@shopify/polaris";
import type { CustomerProblem } from "./customer-list";
import { CUSTOMER_FILE_FIELD, CUSTOMER_IDS_FIELD } from "./bound-campaign";

export function CustomerListFields(props: {
  text: string;
  onTextChange: (text: string) => void;
  onFileChange?: (name: string | null) => void;
  error?: string;
  problems: CustomerProblem[];
}) {
  const { problems } = props;
  return (
    <BlockStack gap="300">
      <TextField
        label="Customer ids, one a line"
        name={CUSTOMER_IDS_FIELD}
        value={props.text}
        onChange={props.onTextChange}
        multiline={4}
        autoComplete="off"
        placeholder={"7012345678901\ngid://shopify/Customer/7012345678902"}
        helpText="The number at the end of a customer's page address in Shopify admin, or its gid://shopify/Customer/… id."
        error={props.error}
      />
      <BlockStack gap="100">
        <label htmlFor="customers-file">
          <Text as="span">Or upload a CSV file</Text>
        </label>
        <input
          id="customers-file"
          type="file"
          name={CUSTOMER_FILE_FIELD}
          accept=".csv,text/csv"
          onChange={(event) => props.onFileChange?.(event.currentTarget.files?.[0]?.name ?? null)}
        />
        <Text as="p" tone="subdued">
          Shopify&apos;s customer export (Customers › Export) works as it is: its “Customer ID”
          column is used and the other columns are ignored.
        </Text>
      </BlockStack>
      {problems.length > 0 && (
        <Banner tone="critical" title="No codes were issued: the customer list needs attention">
          <List>
            {problems.map((problem, i) => (
              <List.Item key={i}>
                {problem.line === null
                  ? problem.message
                  : `Line ${problem.line}: ${problem.message}`}
              </List.Item>
            ))}
          </List>
        </Banner>
      )}
    </BlockStack>
  );
}
