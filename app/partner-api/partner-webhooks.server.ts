// The merchant's side of a partner's webhooks: register or change the endpoint (a new secret is
// shown once), remove it, and read the delivery log.
import { randomBytes } from "node:crypto";
import db from "../db.server";
import { fail, type Result } from "../result";
import { checkEndpoint, type EndpointCode } from "./webhook-endpoint";

export type SavedEndpointCode = EndpointCode | "partner_not_found";

export type SavedEndpoint = Result<{ secret: string }, SavedEndpointCode>;

export async function savePartnerWebhook(
  shop: string,
  partnerId: string,
  rawUrl: string,
): Promise<SavedEndpoint> {
  const checked = checkEndpoint(rawUrl);
  if (!checked.ok) return checked;
  const partner = await db.partner.findFirst({
    where: { id: partnerId, shop },
    select: { id: true },
  });
  if (!partner) return fail("partner_not_found", "This partner does not exist in this shop.");
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  await db.partnerWebhook.upsert({
    where: { partnerId },
    create: { partnerId, shop, url: checked.url, secret },
    update: { url: checked.url, secret },
  });
  return { ok: true, secret };
}

export async function removePartnerWebhook(shop: string, partnerId: string): Promise<void> {
  await db.partnerWebhook.deleteMany({ where: { shop, partnerId } });
}

export async function partnerWebhookOf(shop: string, partnerId: string) {
  return db.partnerWebhook.findFirst({
    where: { shop, partnerId },
    select: { url: true, createdAt: true, updatedAt: true },
  });
}

export async function deliveryLog(shop: string, partnerId: string, take = 50) {
  return db.partnerDelivery.findMany({
    where: { event: { shop, partnerId } },
    orderBy: { attemptedAt: "desc" },
    take,
    select: {
      id: true,
      attempt: true,
      statusCode: true,
      error: true,
      durationMs: true,
      attemptedAt: true,
      event: { select: { id: true, topic: true, state: true, nextAttemptAt: true } },
    },
  });
}
