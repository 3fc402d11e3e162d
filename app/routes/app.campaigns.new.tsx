import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Card,
  ChoiceList,
  FormLayout,
  InlineGrid,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { authenticate } from "../shopify.server";
import {
  formatFromFields,
  parseCount,
  planFieldErrors,
  type Audience,
} from "../campaigns/campaign-form";
import { submitNewCampaign } from "../campaigns/campaigns.server";
import { readCustomerUpload } from "../campaigns/customer-list-form.server";
import { BOUND_ODDS_HELP, checkBoundPlan } from "../campaigns/bound-odds";
import { BOUND_TAG_ALPHABET, BOUND_TAG_LENGTH } from "@onecode/checkout-rules/bound-code";
import { CustomerListFields } from "../campaigns/CustomerListFields";
import { SubmitCard } from "../campaigns/SubmitCard";
import type { CustomerProblem } from "../campaigns/customer-list";
import { MAX_CUSTOMERS } from "../campaigns/bound-campaign";
import { checkPlan } from "../codes/odds";
import { createCodeGenerator } from "../codes/generator";
import { DEFAULT_ALPHABET, parseFormat } from "../codes/format";
import type { RuleError } from "@onecode/checkout-rules/rules";
import { emptyFormState } from "../campaigns/rules-editor/form-state";
import { RulesEditor } from "../campaigns/rules-editor/RulesEditor";
import { DistributionChoice } from "../partners/DistributionChoice";
import { shopLiveCodes } from "../codes/shop-codes.server";
import { shopTimeZone } from "../shops/shop-time-zone.server";
import { describeTimeZone, instantToWallTime } from "../shops/zoned-time";
import { FormTextField, NameField } from "../components/FormTextField";
import { focusFirstError, useSubmittedErrors } from "../components/form-errors";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const zone = await shopTimeZone(session.shop, admin.graphql);
  const timeZone = zone.ok ? zone.timeZone : null;
  const now = new Date();
  return {
    // The form's times are on the shop's clock (Shopify's time zone setting), not the browser's.
    timeZone,
    timeZoneLabel: timeZone ? describeTimeZone(timeZone, now) : null,
    timeZoneProblem: zone.ok ? null : zone.message,
    defaultStartsAt: timeZone ? instantToWallTime(now, timeZone) : "",
    // The live odds count the shop's live codes in the same space.
    liveCodes: await shopLiveCodes(session.shop),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const upload = await readCustomerUpload(request);
  if (!upload.ok) {
    const customerProblems = [{ line: null, message: upload.message }];
    return { ...upload, errors: {}, ruleErrors: NO_ERRORS, customerProblems };
  }
  const zone = await shopTimeZone(session.shop, admin.graphql);
  const result = await submitNewCampaign(
    session.shop,
    upload.upload.form,
    session.onlineAccessInfo?.associated_user.id?.toString() ?? "staff",
    zone.ok ? zone.timeZone : { problem: zone.message },
    upload.upload.customerFile,
  );
  if (!result.ok) return result;
  throw redirect(`/app/campaigns/${result.id}`);
};

// The server gives a new campaign its id; the editor validates with a stand-in meanwhile.
const NEW_CAMPAIGN = "new";
const NEW_RULES = emptyFormState();
const NO_TITLES = {};
const NO_ERRORS: RuleError[] = [];
const NO_PROBLEMS: CustomerProblem[] = [];

// What a bound code's tag looks like, for the example (the real tag needs the campaign's key).
const TAG_FORMAT = parseFormat({
  pattern: "#".repeat(BOUND_TAG_LENGTH),
  alphabet: BOUND_TAG_ALPHABET,
});

/** Customers in the box, as the live odds count them (the server reads the list properly). */
function linesIn(text: string): number {
  return text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== "").length;
}

export default function NewCampaign() {
  const shop = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  // The server's verdict on the last submission, each hidden once its field is edited.
  const [errors, edited] = useSubmittedErrors(result?.errors);
  const formRef = useRef<HTMLFormElement>(null);
  // A submit was tried: every error shows, and the first one takes the focus.
  const [submitTried, setSubmitTried] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const rulesValid = useRef(true);
  const onRulesValid = useCallback((valid: boolean) => {
    rulesValid.current = valid;
  }, []);
  useEffect(() => {
    if (focusRequest > 0) focusFirstError(formRef.current);
  }, [focusRequest]);
  // The server refused: its reasons are beside their fields; the first takes the focus.
  useEffect(() => {
    if (result) setFocusRequest((n) => n + 1);
  }, [result]);

  const [name, setName] = useState("");
  const [startsAt, setStartsAt] = useState(shop.defaultStartsAt);
  const [endsAt, setEndsAt] = useState("");
  const [count, setCount] = useState("10000");
  const [audience, setAudience] = useState<Audience>("anyone");
  const [customerText, setCustomerText] = useState("");
  const [customerFile, setCustomerFile] = useState<string | null>(null);
  const [formatMode, setFormatMode] = useState<"length" | "pattern">("length");
  const [length, setLength] = useState("12");
  const [prefix, setPrefix] = useState("");
  const [suffix, setSuffix] = useState("");
  const [pattern, setPattern] = useState("VIP-####-####-####");
  const [alphabet, setAlphabet] = useState(DEFAULT_ALPHABET);

  // The same check the server runs, on every keystroke: the merchant sees the odds of a random
  // guess hitting a live code before creating anything.
  // For a bound campaign the odds count the customers in the box, or, for a file not yet read,
  // the most a file may name.
  const bound = audience === "customers";
  const customers = customerFile ? MAX_CUSTOMERS : Math.max(1, linesIn(customerText));
  const plan = useMemo(() => {
    const format = formatFromFields({ formatMode, length, prefix, suffix, pattern, alphabet });
    if (!bound) return checkPlan(format, parseCount(count), shop.liveCodes);
    return checkBoundPlan(format, customers);
  }, [bound, customers, formatMode, length, prefix, suffix, pattern, alphabet, count, shop]);
  // A real random example, drawn in the browser after hydration (random text rendered on the
  // server would not match the client's).
  const [sample, setSample] = useState("");
  useEffect(() => {
    if (!plan.ok) return setSample("");
    const code = createCodeGenerator(plan.format).next();
    const tag = bound && TAG_FORMAT.ok ? `-${createCodeGenerator(TAG_FORMAT.format).next()}` : "";
    setSample(code + tag);
  }, [plan, bound]);
  const sharedWith = plan.ok && "sharedWith" in plan ? Number(plan.sharedWith) : 0;
  const formatErrors = useMemo(() => planFieldErrors(plan, formatMode), [plan, formatMode]);
  // The browser's live check first; the server's reason when it found one the browser cannot.
  const fieldError = (field: "count" | "length" | "pattern" | "prefix" | "suffix" | "alphabet") =>
    formatErrors[field] ??
    (field === "count" ? errors.count : field === formatMode ? errors.format : undefined);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    setSubmitTried(true);
    if (plan.ok && rulesValid.current) return;
    // Sending would fail: stay, and put the merchant on the first field to correct.
    event.preventDefault();
    setFocusRequest((n) => n + 1);
  }
  // describeOdds already reads "1 in …".
  const oddsTitle = plan.ok
    ? `A random guess matches ${bound ? "an issued" : "a live"} code ${plan.odds}`
    : "";

  return (
    <Page title="New campaign" backAction={{ content: "Campaigns", url: "/app/campaigns" }}>
      <TitleBar title="New campaign" />
      <Form method="post" encType="multipart/form-data" ref={formRef} onSubmit={onSubmit}>
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <FormLayout>
                  <NameField
                    value={name}
                    onChange={(value) => {
                      setName(value);
                      edited("name");
                    }}
                    error={errors.name}
                  />
                  <InlineGrid columns={2} gap="400">
                    <FormTextField
                      label="Starts"
                      type="datetime-local"
                      name="startsAt"
                      value={startsAt}
                      onChange={(value) => {
                        setStartsAt(value);
                        edited("startsAt");
                      }}
                      error={errors.startsAt ?? shop.timeZoneProblem ?? undefined}
                      helpText={
                        shop.timeZoneLabel ? `Your store's time zone: ${shop.timeZoneLabel}` : ""
                      }
                    />
                    <FormTextField
                      label="Ends (optional)"
                      type="datetime-local"
                      name="endsAt"
                      value={endsAt}
                      onChange={(value) => {
                        setEndsAt(value);
                        edited("endsAt");
                      }}
                      error={errors.endsAt}
                      helpText={shop.timeZoneLabel ? `Also on your store's clock.` : ""}
                    />
                  </InlineGrid>
                </FormLayout>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Codes
                  </Text>
                  <FormLayout>
                    <ChoiceList
                      title="Who can use a code"
                      choices={[
                        {
                          label: "Anyone who has it",
                          value: "anyone",
                          helpText: "Codes to hand out through partners, emails or channels.",
                        },
                        {
                          label: "Only the customer it is issued to",
                          value: "customers",
                          helpText: `One code per customer you name. ${BOUND_ODDS_HELP}`,
                        },
                      ]}
                      selected={[audience]}
                      onChange={(value) =>
                        setAudience(value[0] === "customers" ? "customers" : "anyone")
                      }
                    />
                    <input type="hidden" name="audience" value={audience} />
                    {bound ? (
                      <CustomerListFields
                        text={customerText}
                        onTextChange={setCustomerText}
                        onFileChange={setCustomerFile}
                        error={errors.customers ?? formatErrors.customers}
                        problems={result?.customerProblems ?? NO_PROBLEMS}
                      />
                    ) : (
                      <FormTextField
                        label="How many codes"
                        name="count"
                        value={count}
                        onChange={setCount}
                        inputMode="numeric"
                        error={fieldError("count")}
                      />
                    )}
                    {!bound && <DistributionChoice />}
                    <ChoiceList
                      title="Format"
                      choices={[
                        {
                          label: "Random characters, with an optional prefix and suffix",
                          value: "length",
                        },
                        { label: "Pattern (# is a random character)", value: "pattern" },
                      ]}
                      selected={[formatMode]}
                      onChange={(value) =>
                        setFormatMode(value[0] === "pattern" ? "pattern" : "length")
                      }
                    />
                    <input type="hidden" name="formatMode" value={formatMode} />
                    {formatMode === "length" ? (
                      <InlineGrid columns={3} gap="400">
                        {(
                          [
                            ["Prefix", "prefix", prefix, setPrefix, "text"],
                            ["Random characters", "length", length, setLength, "number"],
                            ["Suffix", "suffix", suffix, setSuffix, "text"],
                          ] as const
                        ).map(([label, name, value, onChange, type]) => (
                          <FormTextField
                            key={name}
                            label={label}
                            name={name}
                            type={type}
                            value={value}
                            onChange={onChange}
                            error={fieldError(name)}
                          />
                        ))}
                      </InlineGrid>
                    ) : (
                      <FormTextField
                        label="Pattern"
                        name="pattern"
                        value={pattern}
                        onChange={setPattern}
                        error={fieldError("pattern")}
                      />
                    )}
                    <FormTextField
                      label="Alphabet"
                      name="alphabet"
                      value={alphabet}
                      onChange={setAlphabet}
                      error={fieldError("alphabet")}
                      helpText="Look-alike characters (0/O, 1/I/L) are left out by default."
                    />
                  </FormLayout>
                  <Box>
                    {plan.ok && (
                      <Banner tone={plan.warning ? "warning" : "success"} title={oddsTitle}>
                        <p>{plan.warning ?? (sample ? `Codes look like ${sample}.` : "")}</p>
                        {sharedWith > 0 && (
                          <p>
                            Counted with your store&apos;s {sharedWith.toLocaleString("en")} other
                            live codes in the same code space: a guess at checkout is tried against
                            all of them.
                          </p>
                        )}
                        {bound && (
                          <p>
                            Even a lucky guess gives nothing: the last {BOUND_TAG_LENGTH} characters
                            are computed for one customer, and the discount applies only when that
                            customer is signed in at checkout.
                            {customerFile ? " Odds shown for a file of the largest size." : ""}
                          </p>
                        )}
                      </Banner>
                    )}
                  </Box>
                </BlockStack>
              </Card>
              <RulesEditor
                initial={NEW_RULES}
                initialTitles={NO_TITLES}
                campaignId={NEW_CAMPAIGN}
                serverErrors={result?.ruleErrors ?? NO_ERRORS}
                showAllErrors={submitTried}
                onValidChange={onRulesValid}
              />
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <SubmitCard
              explanation={
                bound
                  ? "Each customer gets one code, pushed into Shopify as a single-use discount code. Download them with their customer ids from the next page."
                  : "Codes are minted, then pushed into Shopify as single-use discount codes. You can follow both on the next page."
              }
              label="Create campaign"
              loading={submitting}
            />
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}
