// Reading and saving one campaign's rules for the edit page. The database is the rules' source
// of truth (decision 029); once the campaign has its Shopify discount, every save is also
// written to the discount's metafield and discount classes, which is what checkout enforces.
import db from "../../db.server";
import { updateCampaignDiscount } from "../../push/discount.server";
import { pacedAdminFor } from "../../push/admin-registry.server";
import { validateRules, type CampaignRules, type RuleError } from "@onecode/checkout-rules/rules";
import { emptyFormState, resourceIdsOf, stateFromRules } from "./form-state";
import type { AdminGraphql } from "../../shopify/admin-graphql";
import { resourceTitles } from "./resource-titles.server";
import { parseRulesField, type RulesFieldCode } from "./rules-field";
import { audit } from "../../audit.server";
import { fail, ok, type Result } from "../../result";

export interface CampaignRulesView {
  id: string;
  name: string;
  /** null when the stored document no longer validates (then the editor starts afresh). */
  rules: CampaignRules | null;
  hasDiscount: boolean;
}

export async function campaignRules(shop: string, id: string): Promise<CampaignRulesView | null> {
  const campaign = await db.campaign.findFirst({
    where: { id, shop },
    select: { id: true, name: true, rules: true, shopifyDiscountId: true },
  });
  if (!campaign) return null;
  const stored = validateRules(campaign.rules);
  return {
    id: campaign.id,
    name: campaign.name,
    rules: stored.ok ? stored.rules : null,
    hasDiscount: campaign.shopifyDiscountId !== null,
  };
}

/** What the edit page needs: the editor's starting state, with the titles of what it names. */
export async function rulesPageData(
  shop: string,
  id: string,
  graphql: AdminGraphql,
  signal?: AbortSignal,
) {
  const campaign = await campaignRules(shop, id);
  if (!campaign) return null;
  const ids = campaign.rules ? resourceIdsOf(campaign.rules) : [];
  const titles =
    ids.length > 0 ? await resourceTitles(graphql, ids, signal) : { titles: {}, problem: null };
  return {
    campaign: { id: campaign.id, name: campaign.name, hasDiscount: campaign.hasDiscount },
    initial: campaign.rules ? stateFromRules(campaign.rules) : emptyFormState(),
    unreadable: campaign.rules === null,
    titles: titles.titles,
    titlesProblem: titles.problem,
  };
}

export type SaveRulesCode = "not_found" | RulesFieldCode;

export type SaveRulesResult = Result<
  /** `shopify`: what became of the Shopify discount; `problem` says why it was not updated. */
  { shopify: "updated" | "no-discount-yet" | "failed"; problem: string | null },
  SaveRulesCode,
  { ruleErrors?: RuleError[] }
>;

export async function saveCampaignRules(
  shop: string,
  id: string,
  field: FormDataEntryValue | null,
  actor: string,
): Promise<SaveRulesResult> {
  const campaign = await db.campaign.findFirst({ where: { id, shop }, select: { id: true } });
  if (!campaign) return fail("not_found", "This campaign does not exist in this store.");
  // The bound-code key is neither the form's nor the stored rules': it lives in the campaign's
  // column, which a save never touches, and the push adds it to what Shopify gets.
  const parsed = parseRulesField(field, { campaignId: campaign.id, boundKey: null });
  if (!parsed.ok) return parsed;

  await db.$transaction([
    db.campaign.update({ where: { id: campaign.id }, data: { rules: JSON.parse(parsed.json) } }),
    audit(db, {
      shop,
      actor,
      action: "campaign.rules.updated",
      subjectType: "Campaign",
      subjectId: campaign.id,
      details: { reward: parsed.rules.reward.kind },
    }),
  ]);

  // Reads the campaign as just saved; before the discount exists its creation will read it too.
  const update = await updateCampaignDiscount(pacedAdminFor(shop), shop, campaign.id);
  if (!update.ok) return ok({ shopify: "failed" as const, problem: update.message });
  return ok({
    shopify: update.updated ? ("updated" as const) : ("no-discount-yet" as const),
    problem: null,
  });
}
