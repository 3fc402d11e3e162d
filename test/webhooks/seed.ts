// A shop with one campaign, a partner's allocation and a few codes, as attribution tests need,
// brought to the state asked for by the app's own allocate and download paths.
import { randomBytes } from "node:crypto";
import db, { databaseProvider } from "~/db.server";
import { isBound } from "~/campaigns/bound-campaign";
import { allocateCodes } from "~/partners/allocate.server";
import { handOutAllocation } from "~/partners/hand-out.server";
import { insertBulkCodes } from "../../bench/bulk-codes";

export function newShop(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}.myshopify.com`;
}

export interface Seeded {
  shop: string;
  campaignId: string;
  partnerId: string;
  allocationId: string;
  codes: { id: number; code: string }[];
}

export async function seedCampaign(
  shop: string,
  options: {
    codes?: string[];
    rules?: Record<string, unknown>;
    /** The key of a campaign whose codes are bound to customers. */
    bindingKey?: string;
    status?: "available" | "allocated" | "distributed";
    boundCustomerId?: string;
  } = {},
): Promise<Seeded> {
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
  const campaign = await db.campaign.create({
    data: {
      shop,
      status: "active",
      name: "Spring",
      rules: (options.rules ?? { version: 1 }) as object,
      codeFormat: { length: 10 },
      requestedCount: 10,
      startsAt: new Date("2026-01-01T00:00:00Z"),
      bindingKey: options.bindingKey ?? null,
    },
  });
  const partner = await db.partner.create({
    data: { shop, name: `Acme ${randomBytes(3).toString("hex")}` },
  });
  const status = options.status ?? "distributed";
  const bound = isBound(campaign);
  // As the push leaves them: live in Shopify and free. A bound campaign's codes are born handed
  // out to their customers (bound-codes.server.ts), never allocated.
  const codes = [];
  for (const code of options.codes ?? ["TENOFF"]) {
    codes.push(
      await db.code.create({
        data: {
          shop,
          campaignId: campaign.id,
          code,
          status: bound ? "distributed" : "available",
          pushState: "live",
          distributedAt: bound ? new Date() : null,
          boundCustomerId: options.boundCustomerId ?? null,
        },
        select: { id: true, code: true },
      }),
    );
  }
  let allocationId = "";
  if (!bound && status !== "available") {
    // Given out the app's own way: allocated to the partner, then handed out by its CSV download.
    const allocated = await allocateCodes(
      shop,
      { campaignId: campaign.id, target: { partnerId: partner.id }, quantity: codes.length },
      "staff",
    );
    if (!allocated.ok) throw new Error(allocated.message);
    allocationId = allocated.allocationId;
    if (status === "distributed") {
      const handed = await handOutAllocation(shop, allocationId, "staff");
      if (!handed.ok) throw new Error(handed.message);
    }
  }
  return {
    shop,
    campaignId: campaign.id,
    partnerId: partner.id,
    allocationId,
    codes,
  };
}

/** Adds `count` distinct, available, live codes to the campaign (bench/bulk-codes.ts). */
export async function seedManyCodes(shop: string, campaignId: string, count: number) {
  await insertBulkCodes(db, databaseProvider, shop, campaignId, count);
}
