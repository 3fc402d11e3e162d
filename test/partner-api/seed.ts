// A shop as the app leaves it once a campaign's codes are pushed: live, available codes; a
// partner made through the partners module and an API key made as the admin page makes it.
import { randomBytes } from "node:crypto";
import db from "~/db.server";
import { createPartner } from "~/partners/partners.server";
import { createApiKey, type KeyScope } from "~/partner-api/keys.server";

export function newShop(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}.myshopify.com`;
}

export async function seedShop(shop: string, codes: number, prefix = "PA") {
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
  const campaign = await db.campaign.create({
    data: {
      shop,
      name: "Spring",
      status: "active",
      rules: { version: 1 },
      codeFormat: { length: 10 },
      requestedCount: codes,
      startsAt: new Date("2026-01-01T00:00:00Z"),
    },
  });
  const tag = randomBytes(3).toString("hex").toUpperCase();
  await db.code.createMany({
    data: Array.from({ length: codes }, (_, i) => ({
      shop,
      campaignId: campaign.id,
      code: `${prefix}${tag}${String(i).padStart(5, "0")}`,
      status: "available" as const,
      pushState: "live" as const,
    })),
  });
  return { shop, campaignId: campaign.id };
}

export async function seedPartner(
  shop: string,
  name = `Partner ${randomBytes(3).toString("hex")}`,
  scope?: KeyScope,
  ratePerMinute?: number,
) {
  const partner = await createPartner(shop, { name, kind: "affiliate", email: undefined } as never);
  if (!partner.ok) throw new Error(partner.message);
  const key = await createApiKey(shop, partner.id, "Test key", scope, ratePerMinute);
  if (!key.ok) throw new Error(key.message);
  return { partnerId: partner.id, keyId: key.id, token: key.token };
}
