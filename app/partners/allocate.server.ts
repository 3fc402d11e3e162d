// Giving a campaign's live, free codes to a partner or a channel, all or none: one statement picks
// them (FOR UPDATE SKIP LOCKED on PostgreSQL, the write lock on SQLite; decision 015).
import { audit } from "../audit.server";
import db, { databaseProvider, type Database, type Tx } from "../db.server";
import { isBound } from "../campaigns/bound-campaign";
import { fail, type Failure, type Result } from "../result";
import type { AllocationTarget } from "./allocation-input";

export type AllocateCode =
  | CampaignRefusal
  | "partner_not_found"
  | "partner_archived"
  | "allocation_not_found"
  | "allocation_revoked"
  | "published_allocation"
  | "pool_short";

type CampaignRefusal =
  "campaign_not_found" | "campaign_cancelled" | "campaign_published" | "campaign_bound";

export type AllocateResult = Result<
  { allocationId: string; allocated: number; message: string },
  AllocateCode,
  /** Codes missing from the free pool: the page offers to mint them. */
  { shortfall?: { campaignId: string; count: number } }
>;

class Revoked extends Error {}

class Short extends Error {
  constructor(readonly taken: number) {
    super("The free pool is short");
  }
}

/** Allocates `quantity` free codes of a campaign to a partner or a channel, all or none. */
export async function allocateCodes(
  shop: string,
  input: { campaignId: string; target: AllocationTarget; quantity: number },
  actor: string,
  client: Database = db,
): Promise<AllocateResult> {
  const campaign = await allocatableCampaign(client, shop, input.campaignId);
  if (!campaign.ok) return campaign;
  let label: string;
  let partnerId: string | null = null;
  if ("partnerId" in input.target) {
    const partner = await client.partner.findFirst({
      where: { id: input.target.partnerId, shop },
      select: { id: true, name: true, archivedAt: true },
    });
    if (!partner) return fail("partner_not_found", "This store has no such partner.");
    if (partner.archivedAt) {
      return fail("partner_archived", `${partner.name} is archived: it takes no new codes.`);
    }
    label = partner.name;
    partnerId = partner.id;
  } else {
    label = input.target.channel;
  }
  const result = await retryShortTakes(client, shop, input.campaignId, input.quantity, () =>
    allocateOnce(client, shop, input, label, partnerId, actor),
  );
  if (result !== SHORT) return result;
  return shortOf(client, shop, input.campaignId, input.quantity);
}

// On PostgreSQL, SKIP LOCKED passes over codes that a concurrent allocation holds and may yet
// give back (it rolls back when short itself): a take that came back short is tried again, the
// whole transaction, while the committed free pool still covers the request. Both a new
// allocation and a top-up take free codes this way.
async function retryShortTakes<R>(
  client: Database,
  shop: string,
  campaignId: string,
  quantity: number,
  once: () => Promise<R | typeof SHORT>,
): Promise<R | typeof SHORT> {
  for (let attempt = 1; ; attempt++) {
    const result = await once();
    if (result !== SHORT) return result;
    if (databaseProvider === "sqlite" || attempt >= SHORT_RETRIES) return SHORT;
    const free = await client.code.count({
      where: { shop, campaignId, status: "available", pushState: "live" },
    });
    if (free < quantity) return SHORT;
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
  }
}

const SHORT = Symbol("short");
const SHORT_RETRIES = 20;

async function allocateOnce(
  client: Database,
  shop: string,
  input: { campaignId: string; quantity: number },
  label: string,
  partnerId: string | null,
  actor: string,
): Promise<AllocateResult | typeof SHORT> {
  try {
    const allocationId = await client.$transaction(
      async (tx) => {
        const allocation = await tx.allocation.create({
          data: {
            shop,
            campaignId: input.campaignId,
            partnerId,
            channel: partnerId ? null : label,
            label,
            quantity: input.quantity,
          },
        });
        const taken = await takeFreeCodes(
          tx,
          shop,
          input.campaignId,
          allocation.id,
          input.quantity,
        );
        if (taken < input.quantity) throw new Short(taken);
        await audit(tx, {
          shop,
          actor,
          action: "allocation.created",
          subjectType: "Allocation",
          subjectId: allocation.id,
          details: { campaignId: input.campaignId, partnerId, label, quantity: input.quantity },
        });
        return allocation.id;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    const count = input.quantity.toLocaleString("en-US");
    return {
      ok: true,
      allocationId,
      allocated: input.quantity,
      message: `${count} codes allocated to ${label}.`,
    };
  } catch (error) {
    if (error instanceof Short) return SHORT;
    throw error;
  }
}

/** Adds `quantity` free codes of the allocation's campaign to it, all or none. */
export async function topUpAllocation(
  shop: string,
  allocationId: string,
  quantity: number,
  actor: string,
  client: Database = db,
): Promise<AllocateResult> {
  const allocation = await client.allocation.findFirst({
    where: { id: allocationId, shop },
    select: {
      id: true,
      campaignId: true,
      label: true,
      revokedAt: true,
      channel: true,
      partner: { select: { archivedAt: true } },
    },
  });
  if (!allocation) return fail("allocation_not_found", "This store has no such allocation.");
  if (allocation.revokedAt) return revoked();
  if (allocation.partner?.archivedAt) {
    return fail("partner_archived", `${allocation.label} is archived: it takes no new codes.`);
  }
  if (allocation.channel === PUBLISHED_CHANNEL) {
    return fail(
      "published_allocation",
      "The published list grows by downloading the campaign's codes again.",
    );
  }
  const campaign = await allocatableCampaign(client, shop, allocation.campaignId);
  if (!campaign.ok) return campaign;
  const result = await retryShortTakes(client, shop, allocation.campaignId, quantity, () =>
    topUpOnce(client, shop, allocation, quantity, actor),
  );
  if (result === SHORT) return shortOf(client, shop, allocation.campaignId, quantity);
  return result;
}

async function topUpOnce(
  client: Database,
  shop: string,
  allocation: { id: string; campaignId: string; label: string },
  quantity: number,
  actor: string,
): Promise<AllocateResult | typeof SHORT> {
  try {
    await client.$transaction(
      async (tx) => {
        // The allocation row first, and only while it is not revoked: a revoke running at the
        // same moment then either sees these codes or makes this top-up take none.
        const { count } = await tx.allocation.updateMany({
          where: { id: allocation.id, revokedAt: null },
          data: { quantity: { increment: quantity } },
        });
        if (count === 0) throw new Revoked();
        const taken = await takeFreeCodes(tx, shop, allocation.campaignId, allocation.id, quantity);
        if (taken < quantity) throw new Short(taken);
        await audit(tx, {
          shop,
          actor,
          action: "allocation.topped_up",
          subjectType: "Allocation",
          subjectId: allocation.id,
          details: { quantity },
        });
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (error instanceof Short) return SHORT;
    if (error instanceof Revoked) return revoked();
    throw error;
  }
  return {
    ok: true,
    allocationId: allocation.id,
    allocated: quantity,
    message: `${quantity.toLocaleString("en-US")} more codes allocated to ${allocation.label}.`,
  };
}

const revoked = () =>
  fail("allocation_revoked", "This allocation was revoked: it takes no new codes.");

/** The channel name of a published campaign's one allocation (hand-out.server.ts). */
export const PUBLISHED_CHANNEL = "published";

async function allocatableCampaign(
  client: Database,
  shop: string,
  campaignId: string,
): Promise<{ ok: true } | Failure<CampaignRefusal>> {
  const campaign = await client.campaign.findFirst({
    where: { id: campaignId, shop },
    select: { status: true, distribution: true, bindingKey: true },
  });
  if (!campaign) return fail("campaign_not_found", "This store has no such campaign.");
  if (campaign.status === "cancelled") {
    return fail(
      "campaign_cancelled",
      `This campaign is ${campaign.status}: its codes are not given out.`,
    );
  }
  if (campaign.distribution === "published") {
    return fail(
      "campaign_published",
      "This campaign's codes are published as a whole: downloading the full list hands them out, so they are not allocated.",
    );
  }
  if (isBound(campaign)) {
    return fail(
      "campaign_bound",
      "This campaign's codes are issued to named customers: they are not allocated.",
    );
  }
  return { ok: true };
}

// The statement that decides which codes an allocation gets. Only codes live in Shopify are
// given out: a partner must never hold a code that does not work yet.
async function takeFreeCodes(
  tx: Tx,
  shop: string,
  campaignId: string,
  allocationId: string,
  quantity: number,
): Promise<number> {
  if (databaseProvider === "sqlite") {
    return tx.$executeRawUnsafe(
      `UPDATE "Code" SET "status" = 'allocated', "allocationId" = ?1
       WHERE "status" = 'available' AND "id" IN (
         SELECT "id" FROM "Code"
         WHERE "campaignId" = ?2 AND "status" = 'available' AND "pushState" = 'live' AND "shop" = ?3
         ORDER BY "id" LIMIT ?4)`,
      allocationId,
      campaignId,
      shop,
      quantity,
    );
  }
  // A CTE, not `IN (subquery)`: the planner may rescan a subquery once per outer row, and each
  // rescan, skipping the rows this statement has already updated, would hand out `quantity` more.
  // A data-locking CTE runs exactly once.
  return tx.$executeRawUnsafe(
    `WITH picked AS (
       SELECT "id" FROM "Code"
       WHERE "campaignId" = $2 AND "status" = 'available' AND "pushState" = 'live' AND "shop" = $3
       ORDER BY "id" LIMIT $4
       FOR UPDATE SKIP LOCKED)
     UPDATE "Code" c SET "status" = 'allocated', "allocationId" = $1
     FROM picked WHERE c."id" = picked."id" AND c."status" = 'available'`,
    allocationId,
    campaignId,
    shop,
    quantity,
  );
}

async function shortOf(
  client: Database,
  shop: string,
  campaignId: string,
  wanted: number,
): Promise<AllocateResult> {
  const [free, coming] = await Promise.all([
    client.code.count({ where: { shop, campaignId, status: "available", pushState: "live" } }),
    client.code.count({
      where: { shop, campaignId, status: "available", pushState: { in: ["pending", "queued"] } },
    }),
  ]);
  const fmt = (n: number) => n.toLocaleString("en-US");
  const shown = free === 1 ? "Only 1 code is free" : `Only ${fmt(free)} codes are free`;
  const waiting =
    coming > 0 ? ` (${fmt(coming)} more are on their way into Shopify and count once live)` : "";
  const missing = wanted - free - coming;
  return fail(
    "pool_short",
    `${shown}${waiting}; mint more or allocate fewer.`,
    missing > 0 ? { shortfall: { campaignId, count: missing } } : {},
  );
}
