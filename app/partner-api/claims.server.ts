// Claiming codes through the partner API. Exclusivity is the database's: the codes are taken and
// the claim recorded by one statement on PostgreSQL (rows picked with FOR UPDATE SKIP LOCKED, so
// concurrent claims, in this process or another, skip each other's rows instead of waiting or
// taking the same ones), and by one transaction on SQLite's write lane, where a single writer
// makes it exclusive. All or nothing: the claim row is written only when every code asked for was
// picked, and codes move only with it. The claim row's unique Idempotency-Key and recipient
// columns make a repeated request a conflict, answered with the codes of the first.
import { randomUUID } from "node:crypto";
import db, { databaseProvider, driverQuery } from "../db.server";
import { inSqliteLane } from "../attribution/sqlite-lane.server";
import { query, type Plan } from "../attribution/sql-plan";
import type { DriverArg } from "../db/driver-transaction.server";
import type { Caller } from "./auth.server";
import type { ClaimInput } from "./claim-input";
import { findOrCreateApiAllocation, forgetApiAllocation } from "./api-allocation.server";

export interface ClaimResult {
  id: string;
  campaign: string;
  allocation: string;
  recipient: string | null;
  codes: string[];
  claimedAt: string;
}

export type ClaimOutcome =
  | { kind: "claimed"; claim: ClaimResult }
  | { kind: "replayed"; claim: ClaimResult }
  | { kind: "key_reused" }
  | { kind: "not_found"; what: "campaign" | "allocation" }
  | { kind: "not_active"; reason: string }
  | { kind: "exhausted"; left: number };

interface Target {
  campaignId: string;
  allocationId: string;
  /** The codes' status before the claim: free codes of the campaign, or the allocation's own. */
  from: "available" | "allocated";
}

const CLOSED_STATES = new Set(["draft", "minting", "ended", "cancelled"]);

export async function claimCodes(
  caller: Caller,
  input: ClaimInput,
  requestHash: string,
  idempotencyKey: string | null,
  retried = false,
): Promise<ClaimOutcome> {
  const target = await resolveTarget(caller, input);
  if ("kind" in target) return target;
  const recipientKey = input.recipient
    ? `${input.campaign ?? input.allocation}:${input.recipient}`
    : null;
  const claim = {
    id: randomUUID(),
    createdAt: new Date(),
    quantity: input.quantity,
    idempotencyKey,
    requestHash,
    recipientKey,
  };
  const codes = await takeCodes(caller, target, claim);
  if (codes.length > 0) {
    return {
      kind: "claimed",
      claim: {
        id: claim.id,
        campaign: target.campaignId,
        allocation: target.allocationId,
        recipient: input.recipient ?? null,
        codes: codes.sort(),
        claimedAt: claim.createdAt.toISOString(),
      },
    };
  }
  // Nothing taken: an earlier claim holds this key or recipient, or too few codes are left.
  const earlier = await earlierClaim(caller.partnerId, idempotencyKey, recipientKey);
  if (earlier) {
    if (earlier.idempotencyKey === idempotencyKey && idempotencyKey !== null) {
      if (earlier.requestHash !== requestHash) return { kind: "key_reused" };
    }
    return { kind: "replayed", claim: { ...earlier.result, recipient: input.recipient ?? null } };
  }
  // The partner's API allocation remembered by this process may have been revoked since: the
  // claim then took nothing; the next one goes into a new allocation.
  if (target.from === "available" && !retried) {
    const live = await db.allocation.count({ where: { id: target.allocationId, revokedAt: null } });
    if (!live) {
      forgetApiAllocation(target.campaignId, caller.partnerId);
      return claimCodes(caller, input, requestHash, idempotencyKey, true);
    }
  }
  return { kind: "exhausted", left: await codesLeft(caller.shop, target) };
}

async function resolveTarget(
  caller: Caller,
  input: ClaimInput,
): Promise<Target | Extract<ClaimOutcome, { kind: "not_found" | "not_active" }>> {
  if (input.allocation) {
    const allocation = await db.allocation.findFirst({
      where: { id: input.allocation, shop: caller.shop, partnerId: caller.partnerId },
      select: { id: true, campaignId: true, revokedAt: true },
    });
    const allowed =
      !limited(caller) ||
      caller.allocationIds?.includes(allocation?.id ?? "") ||
      caller.campaignIds?.includes(allocation?.campaignId ?? "");
    if (!allocation || !allowed) return { kind: "not_found", what: "allocation" };
    if (allocation.revokedAt) return { kind: "not_active", reason: "This allocation was revoked." };
    return { campaignId: allocation.campaignId, allocationId: allocation.id, from: "allocated" };
  }
  const campaignId = input.campaign!;
  // A key limited to some allocations only may not take free codes of any campaign.
  if (limited(caller) && !caller.campaignIds?.includes(campaignId)) {
    return { kind: "not_found", what: "campaign" };
  }
  const campaign = await campaignState(caller.shop, campaignId);
  if (!campaign) return { kind: "not_found", what: "campaign" };
  if (CLOSED_STATES.has(campaign.status) || (campaign.endsAt && campaign.endsAt < new Date())) {
    return {
      kind: "not_active",
      reason: `The campaign is ${campaign.status}; it hands out no codes.`,
    };
  }
  const allocationId = await findOrCreateApiAllocation(caller.shop, campaignId, caller.partnerId);
  return { campaignId, allocationId, from: "available" };
}

function limited(caller: Caller): boolean {
  return caller.campaignIds !== null || caller.allocationIds !== null;
}

// A campaign's state barely changes while partners claim; reading it once a second per process
// keeps that query off the claim's path.
const CAMPAIGN_CACHE_MS = 1_000;
const campaigns = new Map<
  string,
  { at: number; row: Promise<{ status: string; endsAt: Date | null } | null> }
>();

function campaignState(shop: string, id: string) {
  const key = `${shop}\n${id}`;
  const cached = campaigns.get(key);
  const now = Date.now();
  if (cached && now - cached.at < CAMPAIGN_CACHE_MS) return cached.row;
  const row = db.campaign.findFirst({
    where: { id, shop },
    select: { status: true, endsAt: true },
  });
  campaigns.set(key, { at: now, row });
  row.catch(() => campaigns.delete(key));
  if (campaigns.size > 10_000) campaigns.clear();
  return row;
}

interface NewClaim {
  id: string;
  createdAt: Date;
  quantity: number;
  idempotencyKey: string | null;
  requestHash: string;
  recipientKey: string | null;
}

async function takeCodes(caller: Caller, target: Target, claim: NewClaim): Promise<string[]> {
  if (databaseProvider === "postgresql") {
    const rows = await driverQuery(db, PG_CLAIM[target.from], pgArgs(caller, target, claim));
    return rows.map((row) => String(row[0]));
  }
  try {
    return await inSqliteLane(() => sqliteClaim(caller, target, claim));
  } catch (error) {
    if (error instanceof TooFew) return [];
    throw error;
  }
}

// $1 campaign or allocation, $2 shop, $3 quantity, $4 claim id, $5 partner, $6 key, $7 campaign,
// $8 allocation, $9 idempotency key, $10 request hash, $11 recipient key, $12 time (UTC).
const PG_PICK = {
  available: `SELECT "id" FROM "Code" WHERE "campaignId" = $1 AND "shop" = $2 AND "status" = 'available' AND "pushState" = 'live'
      AND EXISTS (SELECT 1 FROM "Allocation" WHERE "id" = $8 AND "revokedAt" IS NULL)`,
  allocated: `SELECT "id" FROM "Code" WHERE "allocationId" = $1 AND "shop" = $2 AND "status" = 'allocated'
      AND EXISTS (SELECT 1 FROM "Allocation" WHERE "id" = $8 AND "revokedAt" IS NULL)`,
};

const pgClaim = (pick: string) => `WITH picked AS (
    ${pick}
    LIMIT $3 FOR UPDATE SKIP LOCKED
  ), claim AS (
    INSERT INTO "ApiClaim" ("id", "shop", "partnerId", "apiKeyId", "campaignId", "allocationId",
      "idempotencyKey", "requestHash", "recipientKey", "quantity", "createdAt")
    SELECT $4, $2, $5, $6, $7, $8, $9, $10, $11, $3, $12::timestamp(3)
    WHERE (SELECT count(*) FROM picked) = $3
    ON CONFLICT DO NOTHING
    RETURNING "id"
  )
  UPDATE "Code" AS c SET "status" = 'distributed', "allocationId" = $8, "apiClaimId" = claim."id",
    "distributedAt" = $12::timestamp(3)
  FROM picked, claim WHERE c."id" = picked."id"
  RETURNING c."code"`;

const PG_CLAIM = { available: pgClaim(PG_PICK.available), allocated: pgClaim(PG_PICK.allocated) };

function pgArgs(caller: Caller, target: Target, claim: NewClaim): DriverArg[] {
  const text = (value: string | null): DriverArg => ({ value, type: "string" });
  return [
    text(target.from === "available" ? target.campaignId : target.allocationId),
    text(caller.shop),
    { value: claim.quantity, type: "int" },
    text(claim.id),
    text(caller.partnerId),
    text(caller.keyId),
    text(target.campaignId),
    text(target.allocationId),
    text(claim.idempotencyKey),
    text(claim.requestHash),
    text(claim.recipientKey),
    // Prisma keeps DateTime as UTC in a column without a zone.
    text(claim.createdAt.toISOString().replace("Z", "")),
  ];
}

class TooFew extends Error {}

function* sqliteClaim(caller: Caller, target: Target, claim: NewClaim): Plan<string[]> {
  const inserted = yield* query<{ id: string }>(
    `INSERT INTO "ApiClaim" ("id", "shop", "partnerId", "apiKeyId", "campaignId", "allocationId",
      "idempotencyKey", "requestHash", "recipientKey", "quantity", "createdAt")
     SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
     WHERE EXISTS (SELECT 1 FROM "Allocation" WHERE "id" = ? AND "revokedAt" IS NULL)
     ON CONFLICT DO NOTHING RETURNING "id"`,
    claim.id,
    caller.shop,
    caller.partnerId,
    caller.keyId,
    target.campaignId,
    target.allocationId,
    claim.idempotencyKey,
    claim.requestHash,
    claim.recipientKey,
    claim.quantity,
    claim.createdAt,
    target.allocationId,
  );
  if (inserted.length === 0) return [];
  const pick =
    target.from === "available"
      ? `SELECT "id" FROM "Code" WHERE "campaignId" = ? AND "shop" = ? AND "status" = 'available' AND "pushState" = 'live' LIMIT ?`
      : `SELECT "id" FROM "Code" WHERE "allocationId" = ? AND "shop" = ? AND "status" = 'allocated' LIMIT ?`;
  const rows = yield* query<{ code: string }>(
    `UPDATE "Code" SET "status" = 'distributed', "allocationId" = ?, "apiClaimId" = ?, "distributedAt" = ?
     WHERE "id" IN (${pick}) RETURNING "code"`,
    target.allocationId,
    claim.id,
    claim.createdAt,
    target.from === "available" ? target.campaignId : target.allocationId,
    caller.shop,
    claim.quantity,
  );
  // Rolls the claim row back with the codes: all or nothing.
  if (rows.length < claim.quantity) throw new TooFew();
  return rows.map((row) => row.code);
}

async function earlierClaim(
  partnerId: string,
  idempotencyKey: string | null,
  recipientKey: string | null,
) {
  if (!idempotencyKey && !recipientKey) return null;
  const claims = await db.apiClaim.findMany({
    where: {
      partnerId,
      OR: [
        ...(idempotencyKey ? [{ idempotencyKey }] : []),
        ...(recipientKey ? [{ recipientKey }] : []),
      ],
    },
  });
  // The Idempotency-Key decides first: a reused key with another body is refused even when the
  // recipient was seen before.
  const claim =
    claims.find((c) => idempotencyKey && c.idempotencyKey === idempotencyKey) ?? claims[0];
  if (!claim) return null;
  const codes = await db.code.findMany({
    where: { apiClaimId: claim.id, shop: claim.shop },
    select: { code: true },
  });
  return {
    idempotencyKey: claim.idempotencyKey,
    requestHash: claim.requestHash,
    result: {
      id: claim.id,
      campaign: claim.campaignId,
      allocation: claim.allocationId,
      codes: codes.map((c) => c.code).sort(),
      claimedAt: claim.createdAt.toISOString(),
    },
  };
}

async function codesLeft(shop: string, target: Target): Promise<number> {
  return db.code.count({
    where:
      target.from === "available"
        ? { shop, campaignId: target.campaignId, status: "available", pushState: "live" }
        : { shop, allocationId: target.allocationId, status: "allocated" },
  });
}
