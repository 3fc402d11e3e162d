// Claiming codes through the partner API: one statement (PostgreSQL, SKIP LOCKED) or one write-lane
// transaction (SQLite) takes the codes and records the claim, all or nothing, claims arriving
// together sharing it (decision 022).
import { randomUUID } from "node:crypto";
import db, { databaseProvider, driverQuery } from "../db.server";
import { inSqliteLane } from "../group-commit/sqlite-lane.server";
import { execute, query, type Plan } from "../group-commit/sql-plan";
import type { DriverArg } from "../db/driver-transaction.server";
import type { Caller } from "./auth.server";
import type { ClaimInput } from "./claim-input";
import { fail, type Result } from "../result";
import { groupCommit } from "./group-commit";
import { findOrCreateApiAllocation, forgetApiAllocation } from "./api-allocation.server";

export interface ClaimResult {
  id: string;
  campaign: string;
  allocation: string;
  recipient: string | null;
  codes: string[];
  claimedAt: string;
}

/** Each code is the partner API's problem code of the answer (problem.ts). */
export type ClaimCode =
  "idempotency_key_reused" | "not_found" | "campaign_not_active" | "pool_exhausted";

export type ClaimOutcome = Result<
  { claim: ClaimResult; replayed: boolean },
  ClaimCode,
  /** Codes left, for pool_exhausted. */
  { left?: number }
>;

type Refused = Extract<ClaimOutcome, { ok: false }>;

const notFound = (what: "campaign" | "allocation"): Refused =>
  fail("not_found", `No ${what} with this id is open to this API key.`);

interface Target {
  campaignId: string;
  allocationId: string;
  /** The codes' status before the claim: free codes of the campaign, or the allocation's own. */
  from: "available" | "allocated";
}

const CLOSED_STATES = new Set(["minting", "cancelled"]);

export async function claimCodes(
  caller: Caller,
  input: ClaimInput,
  requestHash: string,
  idempotencyKey: string | null,
  retried = false,
  attempt = 0,
): Promise<ClaimOutcome> {
  const target = await resolveTarget(caller, input);
  if ("ok" in target) return target;
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
  const { codes, earlier: seen } = await takeCodes(caller, target, claim);
  if (codes.length > 0) {
    return {
      ok: true,
      replayed: false,
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
  // The statement itself found the earlier claim when it was committed before it ran; one
  // committed while it ran is read now.
  const earlier = seen ?? (await earlierClaim(caller.partnerId, idempotencyKey, recipientKey));
  if (earlier) {
    if (earlier.idempotencyKey === idempotencyKey && idempotencyKey !== null) {
      if (earlier.requestHash !== requestHash) {
        return fail(
          "idempotency_key_reused",
          "This Idempotency-Key was used with a different request; use a new key for a new claim.",
        );
      }
    }
    const claim = { ...earlier.result, recipient: input.recipient ?? null };
    return { ok: true, replayed: true, claim };
  }
  // The partner's API allocation remembered by this process may have been revoked since: the
  // claim then took nothing; the next one goes into a new allocation.
  if (target.from === "available" && !retried) {
    const live = await db.allocation.count({ where: { id: target.allocationId, revokedAt: null } });
    if (!live) {
      forgetApiAllocation(target.campaignId, caller.partnerId);
      return claimCodes(caller, input, requestHash, idempotencyKey, true, attempt);
    }
  }
  const left = await codesLeft(caller.shop, target);
  // Codes enough are free now: this claim came after a larger one in its group, or met rows
  // another claim held (SKIP LOCKED) and then let go. It tries again, a bounded number of times.
  if (left >= input.quantity && attempt < SHORT_TAKE_RETRIES) {
    return claimCodes(caller, input, requestHash, idempotencyKey, retried, attempt + 1);
  }
  return fail(
    "pool_exhausted",
    `Only ${left} ${left === 1 ? "code is" : "codes are"} left; ask for fewer or ask the merchant for more.`,
    { left },
  );
}

const SHORT_TAKE_RETRIES = 3;

async function resolveTarget(caller: Caller, input: ClaimInput): Promise<Target | Refused> {
  if (input.allocation) {
    const allocation = await db.allocation.findFirst({
      where: { id: input.allocation, shop: caller.shop, partnerId: caller.partnerId },
      select: { id: true, campaignId: true, revokedAt: true },
    });
    const allowed =
      !limited(caller) ||
      caller.allocationIds?.includes(allocation?.id ?? "") ||
      caller.campaignIds?.includes(allocation?.campaignId ?? "");
    if (!allocation || !allowed) return notFound("allocation");
    if (allocation.revokedAt) return fail("campaign_not_active", "This allocation was revoked.");
    return { campaignId: allocation.campaignId, allocationId: allocation.id, from: "allocated" };
  }
  const campaignId = input.campaign!;
  // A key limited to some allocations only may not take free codes of any campaign.
  if (limited(caller) && !caller.campaignIds?.includes(campaignId)) {
    return notFound("campaign");
  }
  const campaign = await campaignState(caller.shop, campaignId);
  if (!campaign) return notFound("campaign");
  if (CLOSED_STATES.has(campaign.status) || (campaign.endsAt && campaign.endsAt < new Date())) {
    return fail(
      "campaign_not_active",
      `The campaign is ${campaign.status}; it hands out no codes.`,
    );
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

interface Take {
  caller: Caller;
  target: Target;
  claim: NewClaim;
}

// Claims that arrive while a claim statement is running go together in the next one
// (group-commit.ts), each still all or nothing and each with its own claim row. PostgreSQL runs a
// few groups of one target at once on the pool; SQLite's lane writes one group at a time.
const PG_IN_FLIGHT = 3;
const MAX_GROUP = 100;

const exclusive = ({ caller, claim }: Take) => [
  ...(claim.idempotencyKey ? [`i\n${caller.partnerId}\n${claim.idempotencyKey}`] : []),
  ...(claim.recipientKey ? [`r\n${caller.partnerId}\n${claim.recipientKey}`] : []),
];

/** A take's answer: the codes it took, or none and the earlier claim that holds its key. */
interface Taken {
  codes: string[];
  earlier: EarlierClaim | null;
}

const pgTakes = groupCommit<Take, Taken>({
  write: pgTakeGroup,
  maxInFlight: PG_IN_FLIGHT,
  maxGroup: MAX_GROUP,
  exclusive,
});

const sqliteTakes = groupCommit<Take, Taken>({
  write: (takes) => inSqliteLane(() => sqliteTakeGroup(takes)),
  maxInFlight: 1,
  maxGroup: MAX_GROUP,
  exclusive,
});

/** The codes taken for the claim, or none (too few left, or the claim row conflicted). */
function takeCodes(caller: Caller, target: Target, claim: NewClaim): Promise<Taken> {
  const take = { caller, target, claim };
  if (databaseProvider !== "postgresql") return sqliteTakes("", take);
  const source = target.from === "available" ? target.campaignId : target.allocationId;
  return pgTakes(`${target.from}\n${source}\n${caller.shop}\n${target.allocationId}`, take);
}

// One statement for a group of claims on one target (so one shop, partner and allocation).
// $1 the claims as JSON, in order; $2 campaign or allocation; $3 shop; $4 codes asked in all;
// $5 allocation; $6 partner; $7 campaign; $8 time (UTC). Each claim owns a range of the picked
// codes (`first` up to `first + quantity`); its row is inserted only if the codes picked cover its
// range, and its codes move only if its row was inserted (a claim row with its Idempotency-Key or
// recipient already there makes ON CONFLICT skip it). The earlier claims holding the group's keys
// come back in the same answer, so a replay costs no second round trip.
const PG_PICK = {
  available: `SELECT "id" FROM "Code" WHERE "campaignId" = $2 AND "shop" = $3 AND "status" = 'available' AND "pushState" = 'live'`,
  allocated: `SELECT "id" FROM "Code" WHERE "allocationId" = $2 AND "shop" = $3 AND "status" = 'allocated'`,
};

// Codes claimed straight from a campaign grow the partner's API allocation, so its quantity
// counts them as an allocation made in the admin counts its codes.
const PG_GROW = `, grown AS (
    UPDATE "Allocation" SET "quantity" = "quantity" + s."n"
    FROM (SELECT sum(req."quantity") AS "n" FROM claim JOIN req ON req."id" = claim."id") s
    WHERE "Allocation"."id" = $5 AND s."n" IS NOT NULL
  )`;

const pgClaim = (pick: string, grow: string) => `WITH req AS MATERIALIZED (
    SELECT r.*, sum(r."quantity") OVER (ORDER BY r."ord") - r."quantity" AS "first"
    FROM json_to_recordset($1::json) AS r("ord" int, "id" text, "key" text, "idem" text,
      "hash" text, "recipient" text, "quantity" int, "at" text)
  ), picked AS MATERIALIZED (
    ${pick}
      AND EXISTS (SELECT 1 FROM "Allocation" WHERE "id" = $5 AND "revokedAt" IS NULL)
    LIMIT $4 FOR UPDATE SKIP LOCKED
  ), numbered AS MATERIALIZED (
    SELECT "id", row_number() OVER () - 1 AS "n" FROM picked
  ), claim AS (
    INSERT INTO "ApiClaim" ("id", "shop", "partnerId", "apiKeyId", "campaignId", "allocationId",
      "idempotencyKey", "requestHash", "recipientKey", "quantity", "createdAt")
    SELECT req."id", $3, $6, req."key", $7, $5, req."idem", req."hash", req."recipient",
      req."quantity", req."at"::timestamp(3)
    FROM req WHERE req."first" + req."quantity" <= (SELECT count(*) FROM numbered)
    ORDER BY req."ord"
    ON CONFLICT DO NOTHING
    RETURNING "id"
  )${grow}, moved AS (
    UPDATE "Code" AS c SET "status" = 'distributed', "allocationId" = $5, "apiClaimId" = claim."id",
      "distributedAt" = $8::timestamp(3)
    FROM claim JOIN req ON req."id" = claim."id"
      JOIN numbered ON numbered."n" >= req."first" AND numbered."n" < req."first" + req."quantity"
    WHERE c."id" = numbered."id"
    RETURNING c."apiClaimId", c."code"
  )
  SELECT "apiClaimId", "code", NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM moved
  UNION ALL
  SELECT req."id", c."code", a."id", a."idempotencyKey", a."requestHash", a."campaignId",
    a."allocationId", to_char(a."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), a."recipientKey"
  FROM req CROSS JOIN LATERAL (
      SELECT * FROM "ApiClaim" WHERE "partnerId" = $6 AND "idempotencyKey" = req."idem"
      UNION ALL
      SELECT * FROM "ApiClaim" WHERE "partnerId" = $6 AND "recipientKey" = req."recipient"
    ) a
    LEFT JOIN "Code" c ON c."apiClaimId" = a."id" AND c."shop" = a."shop"`;

const PG_CLAIM = {
  available: pgClaim(PG_PICK.available, PG_GROW),
  allocated: pgClaim(PG_PICK.allocated, ""),
};

// Prisma keeps DateTime as UTC in a column without a zone.
const utc = (date: Date) => date.toISOString().replace("Z", "");

async function pgTakeGroup(takes: Take[]): Promise<Taken[]> {
  const { caller, target } = takes[0]!;
  const text = (value: string | null): DriverArg => ({ value, type: "string" });
  const claims = takes.map(({ caller, claim }, ord) => ({
    ord,
    id: claim.id,
    key: caller.keyId,
    idem: claim.idempotencyKey,
    hash: claim.requestHash,
    recipient: claim.recipientKey,
    quantity: claim.quantity,
    // Each claim's own time, the one its answer shows, so a replay shows the same.
    at: utc(claim.createdAt),
  }));
  const rows = await driverQuery(db, PG_CLAIM[target.from], [
    text(JSON.stringify(claims)),
    text(target.from === "available" ? target.campaignId : target.allocationId),
    text(caller.shop),
    { value: claims.reduce((sum, c) => sum + c.quantity, 0), type: "int" },
    text(target.allocationId),
    text(caller.partnerId),
    text(target.campaignId),
    text(utc(takes[0]!.claim.createdAt)),
  ]);
  const codes = new Map<string, string[]>();
  const earlier = new Map<string, Map<string, EarlierClaim>>();
  for (const [forId, code, id, key, hash, campaign, allocation, claimedAt] of rows) {
    if (id === null) {
      const list = codes.get(String(forId));
      if (list) list.push(String(code));
      else codes.set(String(forId), [String(code)]);
      continue;
    }
    let found = earlier.get(String(forId));
    if (!found) earlier.set(String(forId), (found = new Map()));
    let claim = found.get(String(id));
    if (!claim) {
      claim = pgEarlierClaimRow([id, key, hash, campaign, allocation, claimedAt], []);
      found.set(String(id), claim);
    }
    if (code !== null) claim.result.codes.push(String(code));
  }
  return takes.map(({ claim }) => {
    const taken = codes.get(claim.id);
    if (taken) return { codes: taken, earlier: null };
    const found = [...(earlier.get(claim.id)?.values() ?? [])];
    for (const c of found) c.result.codes.sort();
    // The Idempotency-Key decides first, as in earlierClaim.
    const match =
      found.find((c) => claim.idempotencyKey && c.idempotencyKey === claim.idempotencyKey) ??
      found[0] ??
      null;
    return { codes: [], earlier: match };
  });
}

// On SQLite's lane: the group in one transaction, each claim in a savepoint of its own, rolled
// back alone when too few codes are left for it.
function* sqliteTakeGroup(takes: Take[]): Plan<Taken[]> {
  const out: Taken[] = [];
  for (const { caller, target, claim } of takes) {
    yield* execute(`SAVEPOINT "claim"`);
    const codes = yield* sqliteClaim(caller, target, claim);
    if (codes === null) yield* execute(`ROLLBACK TO "claim"`);
    yield* execute(`RELEASE "claim"`);
    // A conflict: the earlier claim is read in the same transaction, on the lane's connection.
    const keyed = claim.idempotencyKey !== null || claim.recipientKey !== null;
    const earlier =
      codes?.length === 0 && keyed ? yield* sqliteEarlierClaim(caller.partnerId, claim) : null;
    out.push({ codes: codes ?? [], earlier });
  }
  return out;
}

function* sqliteEarlierClaim(
  partnerId: string,
  claim: Pick<NewClaim, "idempotencyKey" | "recipientKey">,
): Plan<EarlierClaim | null> {
  const [row] = yield* query<{
    id: string;
    idempotencyKey: string | null;
    requestHash: string;
    campaignId: string;
    allocationId: string;
    createdAt: string | number;
    codes: string;
  }>(
    `SELECT a."id", a."idempotencyKey", a."requestHash", a."campaignId", a."allocationId",
       a."createdAt", (SELECT json_group_array("code") FROM (SELECT c."code"
         FROM "Code" c INDEXED BY "Code_apiClaimId_idx"
         WHERE c."apiClaimId" = a."id" AND c."shop" = a."shop" ORDER BY c."code")) AS "codes"
     FROM "ApiClaim" a
     -- Two lookups by the unique indexes: with an OR, SQLite would read all the partner's claims;
     -- and the codes by their claim's index: SQLite would otherwise read all the shop's codes.
     WHERE a."id" IN (
       SELECT "id" FROM "ApiClaim" WHERE "partnerId" = ?1 AND "idempotencyKey" = ?2
       UNION ALL
       SELECT "id" FROM "ApiClaim" WHERE "partnerId" = ?1 AND "recipientKey" = ?3)
     ORDER BY a."idempotencyKey" IS ?2 DESC LIMIT 1`,
    partnerId,
    claim.idempotencyKey,
    claim.recipientKey,
  );
  if (!row) return null;
  return {
    idempotencyKey: row.idempotencyKey,
    requestHash: row.requestHash,
    result: {
      id: row.id,
      campaign: row.campaignId,
      allocation: row.allocationId,
      codes: JSON.parse(row.codes) as string[],
      claimedAt: new Date(row.createdAt).toISOString(),
    },
  };
}

/** The claim's codes; none when its row conflicted; null when too few were left (roll back). */
function* sqliteClaim(caller: Caller, target: Target, claim: NewClaim): Plan<string[] | null> {
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
  // The claim row goes back with the codes: all or nothing.
  if (rows.length < claim.quantity) return null;
  if (target.from === "available") {
    yield* execute(
      `UPDATE "Allocation" SET "quantity" = "quantity" + ? WHERE "id" = ?`,
      claim.quantity,
      target.allocationId,
    );
  }
  return rows.map((row) => row.code);
}

interface EarlierClaim {
  idempotencyKey: string | null;
  requestHash: string;
  result: Omit<ClaimResult, "recipient">;
}

async function earlierClaim(
  partnerId: string,
  idempotencyKey: string | null,
  recipientKey: string | null,
): Promise<EarlierClaim | null> {
  if (!idempotencyKey && !recipientKey) return null;
  if (databaseProvider === "postgresql") {
    return pgEarlierClaim(partnerId, idempotencyKey, recipientKey);
  }
  // On the lane's connection, by the statement the group's transaction reads it with.
  return inSqliteLane(() => sqliteEarlierClaim(partnerId, { idempotencyKey, recipientKey }));
}

// A replay is a tenth of the bench's requests and answered after its claim statement took
// nothing: one statement for the earlier claim and its codes, on the driver like the claim.
const PG_EARLIER = `SELECT a."id", a."idempotencyKey", a."requestHash", a."campaignId", a."allocationId",
    to_char(a."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    array(SELECT c."code" FROM "Code" c WHERE c."apiClaimId" = a."id" AND c."shop" = a."shop"
      ORDER BY c."code")
  FROM "ApiClaim" a
  WHERE a."partnerId" = $1 AND (a."idempotencyKey" = $2 OR a."recipientKey" = $3)
  ORDER BY (a."idempotencyKey" = $2) IS TRUE DESC
  LIMIT 1`;

async function pgEarlierClaim(
  partnerId: string,
  idempotencyKey: string | null,
  recipientKey: string | null,
): Promise<EarlierClaim | null> {
  const [row] = await driverQuery(db, PG_EARLIER, [
    { value: partnerId, type: "string" },
    { value: idempotencyKey, type: "string" },
    { value: recipientKey, type: "string" },
  ]);
  if (!row) return null;
  return pgEarlierClaimRow(row, (row[6] as unknown[]).map(String));
}

/** An earlier claim from PostgreSQL's columns: id, key, hash, campaign, allocation, claimed at. */
function pgEarlierClaimRow(
  [id, key, hash, campaign, allocation, claimedAt]: unknown[],
  codes: string[],
): EarlierClaim {
  return {
    idempotencyKey: key as string | null,
    requestHash: String(hash),
    result: {
      id: String(id),
      campaign: String(campaign),
      allocation: String(allocation),
      codes,
      claimedAt: String(claimedAt),
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
