import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
} from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useState } from "react";
import { useActionErrors } from "../components/form-errors";
import { authenticate } from "../shopify.server";
import { createPartner, listPartners } from "../partners/partners.server";
import { fail, ok, type Result } from "../result";
import { PARTNER_KIND_LABELS, partnerInputSchema } from "../partners/partner-input";
import { PartnerFields } from "../partners/PartnerFields";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { partners: await listPartners(session.shop) };
};

export type AddPartnerCode = "invalid_input" | "name_taken";

export const action = async ({
  request,
}: ActionFunctionArgs): Promise<
  Result<object, AddPartnerCode, { errors: Record<string, string> }>
> => {
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

export default function Partners() {
  const { partners } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const [values, setValues] = useState({ name: "", kind: "affiliate", email: "" });
  const { errors, edited, formRef } = useActionErrors(result);
  const shopify = useAppBridge();

  useEffect(() => {
    if (result?.ok) {
      setValues((v) => ({ ...v, name: "", email: "" }));
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
                <PartnerFields
                  values={values}
                  onChange={(field, value) => {
                    setValues((v) => ({ ...v, [field]: value }));
                    edited(field);
                  }}
                  errors={errors}
                  emailLabel="Email"
                >
                  <Button submit variant="primary" loading={saving}>
                    Add partner
                  </Button>
                </PartnerFields>
              </BlockStack>
            </Form>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
