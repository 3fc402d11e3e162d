// A new campaign whose codes only work for the customer each is issued to (DESIGN decision 3).
// The campaign, its codes and the hand-over to the push worker are one transaction: the merchant
// gets the whole campaign or, if its codes cannot be issued, nothing.
import db from "../db.server";
import { parseFormat } from "../codes/format";
import type { NewCampaign } from "./campaign-form";
import type { CustomerEntry } from "./customer-list";
import { FormatExhausted, insertBoundCodes } from "./issue-codes.server";
import { boundKeyOf, withoutBoundKey } from "./bound-campaign";

export type CreateBoundResult = { ok: true } | { ok: false; message: string };

export async function createBoundCampaign(
  shop: string,
  campaign: NewCampaign,
  customers: readonly CustomerEntry[],
  actor: string,
): Promise<CreateBoundResult> {
  const rules: unknown = JSON.parse(campaign.rulesJson);
  // The key the form put in the rules becomes the campaign's, kept in its column only (the push
  // copies it to the discount's metafield, where the function checks tags with it).
  const key = boundKeyOf(rules);
  const format = parseFormat(campaign.format);
  if (!key || !format.ok || campaign.audience !== "customers") {
    throw new Error("createBoundCampaign needs a bound campaign checked by parseCampaignForm.");
  }
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
  try {
    await db.$transaction(
      async (tx) => {
        await tx.campaign.create({
          data: {
            id: campaign.id,
            shop,
            name: campaign.name,
            status: "minting",
            rules: withoutBoundKey(rules as object),
            codeFormat: { ...campaign.format },
            requestedCount: customers.length,
            startsAt: campaign.startsAt,
            endsAt: campaign.endsAt,
            bindingKey: key,
          },
        });
        await insertBoundCodes(tx, {
          shop,
          campaignId: campaign.id,
          key,
          format: format.format,
          customerIds: customers.map((c) => c.id),
        });
        // Codes in: the push worker takes the campaign from here (app/push/worker.server.ts).
        await tx.campaign.update({ where: { id: campaign.id }, data: { status: "pushing" } });
        await tx.auditLog.create({
          data: {
            shop,
            actor,
            action: "campaign.created",
            subjectType: "Campaign",
            subjectId: campaign.id,
            details: {
              audience: "customers",
              customers: customers.length,
              format: { ...campaign.format },
              odds: campaign.oddsInWords,
            },
          },
        });
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (error instanceof FormatExhausted) return { ok: false, message: error.message };
    throw error;
  }
  return { ok: true };
}
