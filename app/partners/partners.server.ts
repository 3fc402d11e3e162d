import db from "../db.server";
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
      _count: { select: { allocations: true } },
    },
  });
}

export type CreatePartnerResult = { ok: true; id: string } | { ok: false; error: string };

export async function createPartner(
  shop: string,
  input: PartnerInput,
): Promise<CreatePartnerResult> {
  const existing = await db.partner.findUnique({
    where: { shop_name: { shop, name: input.name } },
  });
  if (existing) return { ok: false, error: `A partner named "${input.name}" already exists` };
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
  const partner = await db.partner.create({ data: { shop, ...input } });
  return { ok: true, id: partner.id };
}
