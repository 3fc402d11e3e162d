import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  EmptyState,
  FormLayout,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useState } from "react";
import { useActionErrors } from "../components/form-errors";
import { authenticate } from "../shopify.server";
import { createPartner, listPartners } from "../partners/partners.server";
import { fail, ok } from "../result";
import { PARTNER_KIND_LABELS, PARTNER_KINDS, partnerInputSchema } from "../partners/partner-input";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { partners: await listPartners(session.shop) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = partnerInputSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const errors = Object.fromEntries(
      parsed.error.issues.map((i) => [String(i.path[0]), i.message]),
    );
    return fail("invalid_input", "No partner was added.", { errors });
  }
  const created = await createPartner(session.shop, parsed.data);
  if (created.ok) return ok();
  return fail(created.code, created.message, { errors: { name: created.message } });
};

const kindOptions = PARTNER_KINDS.map((kind) => ({
  label: PARTNER_KIND_LABELS[kind],
  value: kind,
}));

export default function Partners() {
  const { partners } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const [name, setName] = useState("");
  const [kind, setKind] = useState<string>("affiliate");
  const [email, setEmail] = useState("");
  const { errors, edited, formRef } = useActionErrors(result);
  const shopify = useAppBridge();

  useEffect(() => {
    if (result?.ok) {
      setName("");
      setEmail("");
      shopify.toast.show("Partner added");
    }
  }, [result, shopify]);

  return (
    <Page title="Partners">
      <TitleBar title="Partners" />
      <Layout>
        <Layout.Section>
          <Card padding="0">
            {partners.length === 0 ? (
              <EmptyState heading="No partners yet" image="/empty-state.svg">
                <p>
                  Affiliates, influencers, customer service and CRM tools each get their own codes,
                  so every sale is credited to whoever drove it.
                </p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "partner", plural: "partners" }}
                itemCount={partners.length}
                selectable={false}
                headings={[
                  { title: "Name" },
                  { title: "Kind" },
                  { title: "Email" },
                  { title: "Allocations", alignment: "end" },
                ]}
              >
                {partners.map((partner, index) => (
                  <IndexTable.Row id={partner.id} key={partner.id} position={index}>
                    <IndexTable.Cell>
                      <InlineStack gap="200" blockAlign="center">
                        <Link url={`/app/partners/${partner.id}`} removeUnderline>
                          <Text as="span" fontWeight="semibold">
                            {partner.name}
                          </Text>
                        </Link>
                        {partner.archivedAt && <Badge tone="attention">archived</Badge>}
                      </InlineStack>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{PARTNER_KIND_LABELS[partner.kind]}</IndexTable.Cell>
                    <IndexTable.Cell>{partner.email ?? "—"}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {partner._count.allocations}
                      </Text>
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <Form method="post" ref={formRef}>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Add a partner
                </Text>
                <FormLayout>
                  <TextField
                    label="Name"
                    name="name"
                    value={name}
                    onChange={(value) => {
                      setName(value);
                      edited("name");
                    }}
                    autoComplete="off"
                    error={errors.name}
                  />
                  <Select
                    label="Kind"
                    name="kind"
                    options={kindOptions}
                    value={kind}
                    onChange={(value) => {
                      setKind(value);
                      edited("kind");
                    }}
                    error={errors.kind}
                  />
                  <TextField
                    label="Email"
                    name="email"
                    type="email"
                    value={email}
                    onChange={(value) => {
                      setEmail(value);
                      edited("email");
                    }}
                    autoComplete="off"
                    error={errors.email}
                  />
                  <Button submit variant="primary" loading={saving}>
                    Add partner
                  </Button>
                </FormLayout>
              </BlockStack>
            </Form>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
