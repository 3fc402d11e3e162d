// The data and actions of the partner's API page in the admin (/app/partners/:id/api): keys,
// the webhook endpoint, the delivery log. Every query is scoped by the merchant's shop.
import { CONTROL_CHARACTER_TEXT, hasControlCharacter } from "../db/storable-text";
import db from "../db.server";
import { fail, type Result } from "../result";
import { GRACE_CHOICES } from "./grace";
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey, type KeyCode } from "./keys.server";
import {
  type SavedEndpointCode,
  deliveryLog,
  partnerWebhookOf,
  removePartnerWebhook,
  savePartnerWebhook,
} from "./partner-webhooks.server";

export async function partnerApiPage(shop: string, partnerId: string) {
  const partner = await db.partner.findFirst({
    where: { id: partnerId, shop },
    select: { id: true, name: true },
  });
  if (!partner) return null;
  const [keys, webhook, deliveries, campaigns, allocations] = await Promise.all([
    listApiKeys(shop, partnerId),
    partnerWebhookOf(shop, partnerId),
    deliveryLog(shop, partnerId),
    db.campaign.findMany({
      where: { shop, status: { notIn: ["cancelled"] } },
      orderBy: { createdAt: "desc" },
      select: { id: true, name: true },
      take: 200,
    }),
    db.allocation.findMany({
      where: { shop, partnerId, revokedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, label: true, campaign: { select: { name: true } } },
      take: 200,
    }),
  ]);
  const now = Date.now();
  return {
    partner,
    keys: keys.map((k) => ({
      id: k.id,
      label: k.label,
      prefix: k.prefix,
      createdAt: k.createdAt.toISOString(),
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      state: k.revokedAt
        ? ("revoked" as const)
        : k.expiresAt && k.expiresAt.getTime() <= now
          ? ("expired" as const)
          : k.expiresAt
            ? ("expiring" as const)
            : ("active" as const),
      expiresAt: k.expiresAt?.toISOString() ?? null,
      limits: [
        ...(Array.isArray(k.campaignIds) ? [`${k.campaignIds.length} campaign(s)`] : []),
        ...(Array.isArray(k.allocationIds) ? [`${k.allocationIds.length} allocation(s)`] : []),
      ].join(", "),
    })),
    webhook: webhook && { url: webhook.url, updatedAt: webhook.updatedAt.toISOString() },
    deliveries: deliveries.map((d) => ({
      id: d.id,
      attemptedAt: d.attemptedAt.toISOString(),
      topic: d.event.topic,
      eventId: d.event.id,
      attempt: d.attempt,
      outcome: d.statusCode ? `HTTP ${d.statusCode}` : (d.error ?? "—"),
      ok: d.error === null,
      eventState: d.event.state,
    })),
    campaigns,
    allocations: allocations.map((a) => ({ id: a.id, label: `${a.campaign.name}: ${a.label}` })),
  };
}

export type PartnerApiCode =
  | KeyCode
  | SavedEndpointCode
  | "label_too_long"
  | "label_control_character"
  | "already_revoked"
  | "grace_not_chosen"
  | "unknown_action";

export type PartnerApiResult = Result<
  { message: string; token?: string; secret?: string },
  PartnerApiCode
>;

export async function runPartnerApiAction(
  shop: string,
  partnerId: string,
  form: FormData,
): Promise<PartnerApiResult> {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  switch (text("intent")) {
    case "create-key": {
      const label = text("label") || "API key";
      if (label.length > 100) {
        return fail("label_too_long", "Keep the key's name under 100 characters.");
      }
      if (hasControlCharacter(label))
        return fail("label_control_character", CONTROL_CHARACTER_TEXT);
      const campaignIds = form.getAll("campaignIds").map(String).filter(Boolean);
      const allocationIds = form.getAll("allocationIds").map(String).filter(Boolean);
      const created = await createApiKey(shop, partnerId, label, {
        campaignIds: campaignIds.length ? campaignIds : null,
        allocationIds: allocationIds.length ? allocationIds : null,
      });
      if (!created.ok) return created;
      return {
        ok: true,
        message: "Key created. Copy it now: OneCode keeps only a hash and cannot show it again.",
        token: created.token,
      };
    }
    case "revoke-key":
      return (await revokeApiKey(shop, partnerId, text("keyId")))
        ? { ok: true, message: "Key revoked. Requests with it are refused within seconds." }
        : fail("already_revoked", "This key was already revoked.");
    case "rotate-key": {
      const grace = Number(text("graceHours"));
      if (!GRACE_CHOICES.some((c) => Number(c.value) === grace)) {
        return fail("grace_not_chosen", "Choose how long the old key keeps working.");
      }
      const rotated = await rotateApiKey(shop, partnerId, text("keyId"), grace);
      if (!rotated.ok) return rotated;
      return {
        ok: true,
        message:
          grace === 0
            ? "New key created and the old one stopped. Copy the new key now."
            : `New key created; the old one keeps working for ${grace} hour(s). Copy the new key now.`,
        token: rotated.token,
      };
    }
    case "save-webhook": {
      const saved = await savePartnerWebhook(shop, partnerId, text("url"));
      if (!saved.ok) return saved;
      return {
        ok: true,
        message: "Endpoint saved. Give the partner this signing secret now; it is not shown again.",
        secret: saved.secret,
      };
    }
    case "remove-webhook":
      await removePartnerWebhook(shop, partnerId);
      return { ok: true, message: "Endpoint removed; no more webhooks are sent to this partner." };
    default:
      return fail("unknown_action", "Unknown action.");
  }
}
