// The create form's submission, both kinds: a count of codes for anyone, or codes issued to named
// customers. Returns what the form shows on failure; the route redirects on success.
import { randomUUID } from "node:crypto";
import type { RuleError } from "@onecode/checkout-rules/rules";
import { newBoundKey } from "./bound-code-key.server";
import { shopLiveCodes } from "../codes/shop-codes.server";
import { audienceOf, parseCampaignForm, type CampaignField } from "./campaign-form";
import { createBoundCampaign } from "./create-bound-campaign.server";
import { createCampaign } from "./create-campaign.server";
import type { CustomerListResult, CustomerProblem } from "./customer-list";
import { readCustomerFields } from "./customer-field.server";
import { distributionOf } from "../partners/distribution";

export type NewCampaignSubmission =
  | { ok: true; id: string }
  | {
      ok: false;
      errors: Partial<Record<CampaignField, string>>;
      ruleErrors: RuleError[];
      /** The customer list's problems, line by line. */
      customerProblems: CustomerProblem[];
    };

/**
 * `timeZone`: the shop's (Shopify's `shop.ianaTimezone`), the form's times being on its clock; or why
 * Shopify did not give it, which refuses the times and still checks every other field.
 * `customerFile`: the customer file as read during the upload (customer-list-upload.server.ts).
 */
export async function submitNewCampaign(
  shop: string,
  form: FormData,
  actor: string,
  timeZone: string | { problem: string } = "UTC",
  customerFile?: CustomerListResult | null,
): Promise<NewCampaignSubmission> {
  const id = randomUUID();
  const clock =
    typeof timeZone === "string"
      ? { timeZone }
      : { timeZone: null, timeZoneProblem: timeZone.problem };
  if (audienceOf(form) === "anyone") {
    const context = { ...clock, liveCodes: await shopLiveCodes(shop) };
    const result = parseCampaignForm(form, id, undefined, context);
    if (!result.ok) return { ...result, customerProblems: [] };
    await createCampaign(shop, result.campaign, actor, distributionOf(form));
    return { ok: true, id };
  }
  const list = await readCustomerFields(form, customerFile);
  const result = parseCampaignForm(
    form,
    id,
    { key: newBoundKey(), customers: list.ok ? list.customers.length : null },
    { ...clock, liveCodes: [] },
  );
  const customerProblems = list.ok ? [] : list.problems;
  if (!result.ok) return { ...result, customerProblems };
  if (!list.ok) return { ok: false, errors: {}, ruleErrors: [], customerProblems };
  const created = await createBoundCampaign(shop, result.campaign, list.customers, actor);
  if (!created.ok) {
    return { ok: false, errors: { format: created.message }, ruleErrors: [], customerProblems };
  }
  return { ok: true, id };
}
