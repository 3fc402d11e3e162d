// What a partner may read through the API: its own allocations, the codes in them, and the
// redemptions credited to it. Every query is scoped by the key's shop and partner (and by the
// key's campaign or allocation limits); another partner's rows are simply not found.
import db from "../db.server";
import type { Prisma } from "../generated/prisma/sqlite/client";
import type { Caller } from "./auth.server";
import { pageOf, type PageParams } from "./page";
import { REDEMPTION_SELECT, redemptionView } from "./redemption-view";

export const CODE_STATUSES = ["allocated", "distributed", "redeemed", "revoked"] as const;
export type PartnerCodeStatus = (typeof CODE_STATUSES)[number];

function allocationScope(caller: Caller): Prisma.AllocationWhereInput {
  return {
    shop: caller.shop,
    partnerId: caller.partnerId,
    ...(caller.allocationIds || caller.campaignIds
      ? {
          OR: [
            ...(caller.allocationIds ? [{ id: { in: caller.allocationIds } }] : []),
            ...(caller.campaignIds ? [{ campaignId: { in: caller.campaignIds } }] : []),
          ],
        }
      : {}),
  };
}

export async function listAllocations(
  caller: Caller,
  page: PageParams,
  state: "active" | "revoked" | null,
) {
  const rows = await db.allocation.findMany({
    where: {
      ...allocationScope(caller),
      ...(state === "active"
        ? { revokedAt: null }
        : state === "revoked"
          ? { NOT: { revokedAt: null } }
          : {}),
      ...(page.after ? { id: { gt: page.after } } : {}),
    },
    orderBy: { id: "asc" },
    take: page.limit + 1,
    select: {
      id: true,
      label: true,
      channel: true,
      quantity: true,
      createdAt: true,
      revokedAt: true,
      campaign: { select: { id: true, name: true } },
    },
  });
  const { rows: kept, nextCursor } = pageOf(rows, page.limit);
  const counts = kept.length
    ? await db.code.groupBy({
        by: ["allocationId", "status"],
        where: { shop: caller.shop, allocationId: { in: kept.map((r) => r.id) } },
        _count: { _all: true },
      })
    : [];
  return {
    data: kept.map((row) => {
      const codes = { allocated: 0, distributed: 0, redeemed: 0, revoked: 0 };
      for (const c of counts) {
        if (c.allocationId === row.id && c.status in codes) {
          codes[c.status as keyof typeof codes] = c._count._all;
        }
      }
      return {
        id: row.id,
        campaign: row.campaign,
        label: row.label,
        channel: row.channel,
        quantity: row.quantity,
        createdAt: row.createdAt.toISOString(),
        revokedAt: row.revokedAt?.toISOString() ?? null,
        codes,
      };
    }),
    nextCursor,
  };
}

const CODE_SELECT = {
  id: true,
  code: true,
  status: true,
  campaignId: true,
  allocationId: true,
  distributedAt: true,
  redeemedAt: true,
  revokedAt: true,
} as const;

type CodeRow = Prisma.CodeGetPayload<{ select: typeof CODE_SELECT }>;

function codeView(row: CodeRow) {
  return {
    code: row.code,
    status: row.status,
    campaign: row.campaignId,
    allocation: row.allocationId,
    distributedAt: row.distributedAt?.toISOString() ?? null,
    redeemedAt: row.redeemedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function listCodes(
  caller: Caller,
  page: PageParams,
  filter: { status: PartnerCodeStatus | null; allocation: string | null },
) {
  const after = page.after === null ? null : Number(page.after);
  const rows = await db.code.findMany({
    where: {
      shop: caller.shop,
      allocation: allocationScope(caller),
      ...(filter.allocation ? { allocationId: filter.allocation } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(after !== null && Number.isInteger(after) ? { id: { gt: after } } : {}),
    },
    orderBy: { id: "asc" },
    take: page.limit + 1,
    select: CODE_SELECT,
  });
  const { rows: kept, nextCursor } = pageOf(rows, page.limit);
  return { data: kept.map(codeView), nextCursor };
}

export async function findCode(caller: Caller, code: string) {
  // The code column compares without case, as Shopify does.
  const row = await db.code.findFirst({
    where: { shop: caller.shop, code, allocation: allocationScope(caller) },
    select: CODE_SELECT,
  });
  return row ? codeView(row) : null;
}

export async function listRedemptions(caller: Caller, page: PageParams, since: Date | null) {
  const rows = await db.redemption.findMany({
    where: {
      shop: caller.shop,
      partnerId: caller.partnerId,
      ...(caller.campaignIds ? { campaignId: { in: caller.campaignIds } } : {}),
      ...(caller.allocationIds ? { allocationId: { in: caller.allocationIds } } : {}),
      ...(since ? { orderedAt: { gte: since } } : {}),
      ...(page.after ? { id: { gt: page.after } } : {}),
    },
    orderBy: { id: "asc" },
    take: page.limit + 1,
    select: REDEMPTION_SELECT,
  });
  const { rows: kept, nextCursor } = pageOf(rows, page.limit);
  return {
    data: kept.map(redemptionView),
    nextCursor,
  };
}
