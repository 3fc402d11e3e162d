// The audit trail: who did what to which subject, in the same transaction as the change. Every
// action the app writes is listed here, so a reader of the log (or of the code) has one place to
// look. The names are stored; a new one is added, an existing one is never renamed.
import type { Prisma } from "@prisma/client";
import type { Tx } from "./db.server";

export type AuditAction =
  | "campaign.created"
  | "campaign.codes.issued"
  | "campaign.codes.imported"
  | "campaign.codes.minted_more"
  | "campaign.published"
  | "campaign.rules.updated"
  | "allocation.created"
  | "allocation.topped_up"
  | "allocation.downloaded"
  | "allocation_revoked"
  | "anomaly_dismissed"
  | "partner.updated"
  | "partner.archived"
  | "partner.restored"
  | "customer_data_request"
  | "order_refund"
  | "customer_marker_written";

export type AuditSubject =
  "Campaign" | "Allocation" | "Anomaly" | "Partner" | "Customer" | "CustomerMarker" | "Order";

export interface AuditEntry {
  shop: string;
  /** A staff user id, "partner:<key prefix>", "shopify" or "system". */
  actor: string;
  action: AuditAction;
  subjectType: AuditSubject;
  subjectId: string;
  details?: Prisma.InputJsonValue;
}

/**
 * Writes one audit row through the given client: a transaction, or the database client inside a
 * `$transaction([...])` batch (the returned promise is Prisma's, so it can go in the batch).
 */
export function audit(client: Pick<Tx, "auditLog">, entry: AuditEntry) {
  return client.auditLog.create({ data: entry });
}
