// The merchant's side of API keys: create (the secret is returned once and never stored),
// list, revoke, and rotate with a grace period during which the old key still works.
import db from "../db.server";
import { newApiKey } from "./api-key";
import { forgetCachedKeys } from "./auth.server";
import { fail, type Result } from "../result";

export interface KeyScope {
  campaignIds: string[] | null;
  allocationIds: string[] | null;
}

export type KeyCode = "partner_not_found" | "scope_outside_shop" | "key_not_working";

export type CreatedKey = Result<{ id: string; token: string; prefix: string }, KeyCode>;

export async function createApiKey(
  shop: string,
  partnerId: string,
  label: string,
  scope: KeyScope = { campaignIds: null, allocationIds: null },
  ratePerMinute?: number,
): Promise<CreatedKey> {
  const partner = await db.partner.findFirst({
    where: { id: partnerId, shop },
    select: { id: true },
  });
  if (!partner) return fail("partner_not_found", "This partner does not exist in this shop.");
  const wrong = await scopeOutsideShop(shop, partnerId, scope);
  if (wrong) return fail("scope_outside_shop", wrong);
  const key = newApiKey();
  const row = await db.apiKey.create({
    data: {
      shop,
      partnerId,
      label,
      prefix: key.prefix,
      secretHash: key.secretHash,
      campaignIds: scope.campaignIds ?? undefined,
      allocationIds: scope.allocationIds ?? undefined,
      ...(ratePerMinute ? { ratePerMinute } : {}),
    },
  });
  return { ok: true, id: row.id, token: key.token, prefix: key.prefix };
}

async function scopeOutsideShop(shop: string, partnerId: string, scope: KeyScope) {
  if (scope.campaignIds?.length) {
    const found = await db.campaign.count({ where: { shop, id: { in: scope.campaignIds } } });
    if (found !== new Set(scope.campaignIds).size) return "A chosen campaign is not in this shop.";
  }
  if (scope.allocationIds?.length) {
    const found = await db.allocation.count({
      where: { shop, partnerId, id: { in: scope.allocationIds } },
    });
    if (found !== new Set(scope.allocationIds).size) {
      return "A chosen allocation does not belong to this partner.";
    }
  }
  return null;
}

export async function listApiKeys(shop: string, partnerId: string) {
  return db.apiKey.findMany({
    where: { shop, partnerId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      label: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      expiresAt: true,
      campaignIds: true,
      allocationIds: true,
    },
  });
}

export async function revokeApiKey(shop: string, partnerId: string, keyId: string) {
  const { count } = await db.apiKey.updateMany({
    where: { id: keyId, shop, partnerId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  forgetCachedKeys();
  return count > 0;
}

/**
 * A new key with the old one's label and limits; the old key keeps working for `graceHours`
 * (0: it stops now), so the partner can deploy the new one without a gap.
 */
export async function rotateApiKey(
  shop: string,
  partnerId: string,
  keyId: string,
  graceHours: number,
): Promise<CreatedKey> {
  const old = await db.apiKey.findFirst({
    where: { id: keyId, shop, partnerId, revokedAt: null },
  });
  if (!old || (old.expiresAt && old.expiresAt <= new Date())) {
    return fail("key_not_working", "Only a key that still works can be rotated.");
  }
  const created = await createApiKey(
    shop,
    partnerId,
    old.label,
    {
      campaignIds: Array.isArray(old.campaignIds) ? (old.campaignIds as string[]) : null,
      allocationIds: Array.isArray(old.allocationIds) ? (old.allocationIds as string[]) : null,
    },
    old.ratePerMinute,
  );
  if (!created.ok) return created;
  const expiresAt = new Date(Date.now() + graceHours * 3_600_000);
  await db.apiKey.update({
    where: { id: old.id },
    data: {
      rotatedToId: created.id,
      expiresAt: old.expiresAt && old.expiresAt < expiresAt ? old.expiresAt : expiresAt,
    },
  });
  forgetCachedKeys();
  return created;
}
