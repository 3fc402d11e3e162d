// A new campaign whose codes only work for the customer each is issued to (decision 003).
// The merchant gets the whole campaign or, if its codes cannot be issued, nothing.
import db, { type Database } from "../db.server";
import { beforeNextBulkWrite } from "../db/write-priority.server";
import { parseFormat } from "../codes/format";
import type { NewCampaign } from "./campaign-form";
import type { CustomerEntry } from "./customer-list";
import { drawBoundCodes, FormatExhausted, insertBoundCodes } from "./issue-codes.server";
import { boundKeyOf, withoutBoundKey } from "./bound-campaign";
import { dropCodesMintedAfterCancel } from "./create-campaign.server";

// The code inserts, each after the webhook deliveries then under way and a pause for other
// processes' writers (db/write-priority.server.ts). SQLite answers synchronously: statement after
// statement would otherwise run in microtasks, and no request would even be read meanwhile.
const yieldingToWebhooks = {
  async $queryRawUnsafe(...args: Parameters<Database["$queryRawUnsafe"]>) {
    await beforeNextBulkWrite();
    return db.$queryRawUnsafe(...args);
  },
} as Pick<Database, "$queryRawUnsafe">;

export type CreateBoundResult = { ok: true } | { ok: false; message: string };

export async function createBoundCampaign(
  shop: string,
  campaign: NewCampaign,
  customers: readonly CustomerEntry[],
  actor: string,
): Promise<CreateBoundResult> {
  const rules: unknown = JSON.parse(campaign.rulesJson);
  // The rules' key is the campaign's key: the function checks tags with it at checkout.
  const key = boundKeyOf(rules);
  const format = parseFormat(campaign.format);
  if (!key || !format.ok || campaign.audience !== "customers") {
    throw new Error("createBoundCampaign needs a bound campaign checked by parseCampaignForm.");
  }
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
  const customerIds = customers.map((c) => c.id);
  // Drawn before any write: binding 100,000 codes takes seconds of CPU.
  const drawn = await drawBoundCodes({ key, format: format.format, customerIds });
  // "minting" until every code is in: the push worker only takes "pushing" campaigns, and a
  // campaign left "minting" by a crash is not handed over half-issued (create-campaign.server.ts).
  await db.campaign.create({
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
  try {
    // A statement (10,000 codes) at a time, not one transaction: between statements the write
    // lock is free, and webhook deliveries under way finish first (db/write-priority.server.ts).
    await insertBoundCodes(
      yieldingToWebhooks,
      { shop, campaignId: campaign.id, key, format: format.format, customerIds },
      drawn,
    );
  } catch (error) {
    // All or nothing: the merchant gets the form back with the reason, and no half campaign.
    await db.code.deleteMany({ where: { campaignId: campaign.id } });
    await db.campaign.delete({ where: { id: campaign.id } });
    if (error instanceof FormatExhausted) return { ok: false, message: error.message };
    throw error;
  }
  const [handedOver] = await db.$transaction([
    // Codes in: the push worker takes the campaign from here (app/push/worker.server.ts), unless
    // the merchant cancelled it while its codes went in.
    db.campaign.updateMany({
      where: { id: campaign.id, status: "minting" },
      data: { status: "pushing" },
    }),
    db.auditLog.create({
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
    }),
  ]);
  if (handedOver.count === 0) await dropCodesMintedAfterCancel(campaign.id);
  return { ok: true };
}
