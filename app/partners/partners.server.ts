import { audit } from "../audit.server";
import db from "../db.server";
import { fail, type Result } from "../result";
import type { PartnerInput } from "./partner-input";

export async function listPartners(shop: string) {
  return db.partner.findMany({
    where: { shop },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      kind: true,
      email: true,
      archivedAt: true,
      _count: { select: { allocations: true } },
    },
  });
}

export type PartnerChangeCode = "name_taken" | "not_found" | "already_archived" | "not_archived";

export type CreatePartnerResult = Result<{ id: string }, "name_taken">;

const nameTaken = (name: string) => fail("name_taken", `A partner named "${name}" already exists`);

export async function createPartner(
  shop: string,
  input: PartnerInput,
): Promise<CreatePartnerResult> {
  const existing = await db.partner.findUnique({
    where: { shop_name: { shop, name: input.name } },
  });
  if (existing) return nameTaken(input.name);
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
  const partner = await db.partner.create({ data: { shop, ...input } });
  return { ok: true, id: partner.id };
}

/** One partner of the shop with what its page shows about it; null when not this shop's. */
export async function findPartner(shop: string, id: string) {
  return db.partner.findFirst({
    where: { id, shop },
    select: {
      id: true,
      name: true,
      kind: true,
      email: true,
      notes: true,
      archivedAt: true,
      createdAt: true,
    },
  });
}

export type PartnerChange = Result<{ message: string }, PartnerChangeCode>;

export async function updatePartner(
  shop: string,
  id: string,
  input: PartnerInput,
  actor: string,
): Promise<PartnerChange> {
  const clash = await db.partner.findFirst({
    where: { shop, name: input.name, id: { not: id } },
    select: { id: true },
  });
  if (clash) return nameTaken(input.name);
  const { count } = await db.partner.updateMany({
    where: { id, shop },
    data: {
      name: input.name,
      kind: input.kind,
      email: input.email ?? null,
      notes: input.notes ?? null,
    },
  });
  if (count === 0) return fail("not_found", "This store has no such partner.");
  await audit(db, {
    shop,
    actor,
    action: "partner.updated",
    subjectType: "Partner",
    subjectId: id,
  });
  return { ok: true, message: "Partner saved." };
}

/**
 * Archives a partner: it gets no new codes and its API keys stop working at once. Codes it has
 * already handed out keep working (shoppers hold them); revoke its allocations to stop those.
 */
export async function archivePartner(
  shop: string,
  id: string,
  actor: string,
): Promise<PartnerChange> {
  return db.$transaction(async (tx): Promise<PartnerChange> => {
    const now = new Date();
    const { count } = await tx.partner.updateMany({
      where: { id, shop, archivedAt: null },
      data: { archivedAt: now },
    });
    if (count === 0) return fail("already_archived", "This partner is already archived.");
    const keys = await tx.apiKey.updateMany({
      where: { shop, partnerId: id, revokedAt: null },
      data: { revokedAt: now },
    });
    await audit(tx, {
      shop,
      actor,
      action: "partner.archived",
      subjectType: "Partner",
      subjectId: id,
      details: { apiKeysRevoked: keys.count },
    });
    const revokedKeys =
      keys.count === 0 ? "" : ` ${keys.count} API key${keys.count === 1 ? "" : "s"} revoked.`;
    return { ok: true, message: `Partner archived.${revokedKeys}` };
  });
}

export async function restorePartner(
  shop: string,
  id: string,
  actor: string,
): Promise<PartnerChange> {
  const { count } = await db.partner.updateMany({
    where: { id, shop, archivedAt: { not: null } },
    data: { archivedAt: null },
  });
  if (count === 0) return fail("not_archived", "This partner is not archived.");
  await audit(db, {
    shop,
    actor,
    action: "partner.restored",
    subjectType: "Partner",
    subjectId: id,
  });
  return { ok: true, message: "Partner restored. Its revoked API keys stay revoked." };
}

/** The shop's partners that can take new codes, for the allocate form. */
export async function activePartners(shop: string) {
  return db.partner.findMany({
    where: { shop, archivedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
