import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BlockStack, Button, Card, FormLayout, Page, TextField } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { useEffect, useState } from "react";
import { useActionErrors } from "../components/form-errors";
import { authenticate } from "../shopify.server";
import { getShopSettings, saveShopSettings } from "../shops/shops.server";
import { parseSettingsForm } from "../shops/settings";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { settings: await getShopSettings(session.shop) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const result = parseSettingsForm(await request.formData());
  if (result.ok) await saveShopSettings(session.shop, result.settings);
  return result;
};

export default function Settings() {
  const { settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const [sites, setSites] = useState(settings.couponSites.join("\n"));
  const [spikeFactor, setSpikeFactor] = useState(String(settings.spikeFactor));
  const { errors, edited, formRef } = useActionErrors(result);
  const shopify = useAppBridge();
  // A save that worked says so.
  useEffect(() => {
    if (result?.ok) shopify.toast.show("Settings saved");
  }, [result, shopify]);
  return (
    <Page title="Settings">
      <TitleBar title="Settings" />
      <Card>
        <Form method="post" ref={formRef}>
          <BlockStack gap="400">
            <FormLayout>
              <TextField
                label="Coupon sites"
                name="couponSites"
                helpText="One domain per line. An order referred from one of these is flagged as a possible leak."
                multiline={6}
                value={sites}
                onChange={(value) => {
                  setSites(value);
                  edited("couponSites");
                }}
                autoComplete="off"
                error={errors.couponSites}
              />
              <TextField
                label="Redemption spike factor"
                name="spikeFactor"
                type="number"
                helpText="Flag an allocation that redeems this many times faster than its own recent rate."
                value={spikeFactor}
                onChange={(value) => {
                  setSpikeFactor(value);
                  edited("spikeFactor");
                }}
                autoComplete="off"
                error={errors.spikeFactor}
              />
            </FormLayout>
            <Button submit variant="primary" loading={saving}>
              Save
            </Button>
          </BlockStack>
        </Form>
      </Card>
    </Page>
  );
}
