// Writes the customer's once-per-campaign marker back to Shopify after the webhook is answered
// (decision 029). An audit row confirms each write, which makes the retry sweep idempotent.
import { REDEEMED_METAFIELD } from "@onecode/checkout-rules/rules";
import { readRules } from "@onecode/checkout-rules/rules";
import { recordRedemption } from "@onecode/checkout-rules/redeemed";
import { audit, type AuditAction } from "../audit.server";
import db from "../db.server";
import { fail, type Result } from "../result";
import { isInstalled } from "../shops/shops.server";
import { graphqlAnswer } from "../shopify/admin-graphql";
import { libraryAdminGraphql, type AdminGraphqlFor } from "./admin-graphql.server";
import { READ_CUSTOMER_MARKER, SET_CUSTOMER_MARKER } from "./marker-documents";

export const MARKER_WRITTEN = "customer_marker_written" satisfies AuditAction;
const MAX_STALE_RETRIES = 3;

export interface MarkerTarget {
  shop: string;
  customerId: string;
  campaignId: string;
}

export type MarkerCode =
  "not_installed" | "admin_api_error" | "no_customer" | "marker_refused" | "marker_kept_changing";

export type MarkerResult = Result<object, MarkerCode>;

export function markerSubject(target: Pick<MarkerTarget, "customerId" | "campaignId">): string {
  return `${target.customerId}:${target.campaignId}`;
}

/** Reads the customer's list, adds the campaign, writes it back only if nobody wrote in between. */
export async function writeMarker(
  target: MarkerTarget,
  graphql: AdminGraphqlFor = libraryAdminGraphql,
): Promise<MarkerResult> {
  if (!(await isInstalled(target.shop))) return fail("not_installed", "The app is not installed");
  const ownerId = `gid://shopify/Customer/${target.customerId}`;
  const admin = await graphql(target.shop);
  for (let attempt = 0; attempt < MAX_STALE_RETRIES; attempt++) {
    const read = await graphqlAnswer(admin, READ_CUSTOMER_MARKER, {
      id: ownerId,
      namespace: REDEEMED_METAFIELD.namespace,
      key: REDEEMED_METAFIELD.key,
    });
    if (read.errors) return fail("admin_api_error", JSON.stringify(read.errors));
    const customer = (read.data as { customer?: CustomerMarker | null } | undefined)?.customer;
    if (!customer) return fail("no_customer", `Shopify has no customer ${target.customerId}`);
    const written = await graphqlAnswer(admin, SET_CUSTOMER_MARKER, {
      metafields: [
        {
          ownerId,
          namespace: REDEEMED_METAFIELD.namespace,
          key: REDEEMED_METAFIELD.key,
          type: REDEEMED_METAFIELD.type,
          value: recordRedemption(customer.metafield?.jsonValue, target.campaignId),
          compareDigest: customer.metafield?.compareDigest ?? null,
        },
      ],
    });
    if (written.errors) return fail("admin_api_error", JSON.stringify(written.errors));
    const errors = (written.data as SetAnswer | undefined)?.metafieldsSet?.userErrors ?? [];
    if (errors.some((e) => e.code === "STALE_OBJECT")) continue;
    if (errors.length > 0) {
      return fail("marker_refused", errors.map((e) => e.message).join("; "));
    }
    await audit(db, {
      shop: target.shop,
      actor: "system",
      action: MARKER_WRITTEN,
      subjectType: "CustomerMarker",
      subjectId: markerSubject(target),
    });
    return { ok: true };
  }
  return fail("marker_kept_changing", "The customer's metafield kept changing while we wrote it");
}

interface CustomerMarker {
  metafield: { jsonValue: unknown; compareDigest: string } | null;
}
interface SetAnswer {
  metafieldsSet?: { userErrors: { code: string | null; message: string }[] } | null;
}

/**
 * Markers still owed by the shop's redemptions of the last `days` days: customers who redeemed a
 * once-per-customer campaign and whose write is not confirmed.
 */
export async function pendingMarkers(shop: string, days = 30): Promise<MarkerTarget[]> {
  const since = new Date(Date.now() - days * 24 * 3_600_000);
  const rows = await db.redemption.findMany({
    where: { shop, customerId: { not: null }, createdAt: { gte: since } },
    select: { customerId: true, campaignId: true, campaign: { select: { rules: true } } },
    distinct: ["customerId", "campaignId"],
  });
  const owed = rows.filter((r) => readRules(r.campaign.rules)?.oncePerCustomer);
  if (owed.length === 0) return [];
  const subjects = owed.map((r) =>
    markerSubject({ customerId: r.customerId!, campaignId: r.campaignId }),
  );
  const done = await db.auditLog.findMany({
    where: {
      shop,
      action: MARKER_WRITTEN,
      subjectType: "CustomerMarker",
      subjectId: { in: subjects },
    },
    select: { subjectId: true },
  });
  const written = new Set(done.map((d) => d.subjectId));
  return owed
    .map((r) => ({ shop, customerId: r.customerId!, campaignId: r.campaignId }))
    .filter((t) => !written.has(markerSubject(t)));
}

/** The retry sweep: writes every owed marker of the shop; returns how many are still owed. */
export async function writePendingMarkers(
  shop: string,
  graphql: AdminGraphqlFor = libraryAdminGraphql,
): Promise<{ written: number; failed: number }> {
  let written = 0;
  let failed = 0;
  for (const target of await pendingMarkers(shop)) {
    const result = await writeMarker(target, graphql).catch((error: unknown) =>
      fail("admin_api_error", String(error)),
    );
    if (result.ok) written++;
    else failed++;
  }
  return { written, failed };
}
