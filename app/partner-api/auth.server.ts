// Who is calling: the bearer key's row, checked against its hash, its revocation, its rotation
// grace and its shop's install. The row is cached for a moment per process, because every claim
// would otherwise pay a query for it: a revoked or expired key stops working within KEY_CACHE_MS.
import db from "../db.server";
import { readBearer, secretMatches } from "./api-key";
import { fail, ok, type Result } from "../result";
import { fullBucket, takeToken, type Bucket } from "./rate-limit";

const KEY_CACHE_MS = 2_000;
const LAST_USED_EVERY_MS = 60_000;

export interface Caller {
  keyId: string;
  prefix: string;
  shop: string;
  partnerId: string;
  /** Null: every campaign (or allocation) of the partner. */
  campaignIds: string[] | null;
  allocationIds: string[] | null;
}

interface CachedKey extends Caller {
  secretHash: string;
  usable: boolean;
  ratePerMinute: number;
}

const keys = new Map<string, { loadedAt: number; key: Promise<CachedKey | null> }>();
const buckets = new Map<string, Bucket>();
const lastUsedWritten = new Map<string, number>();

export type AuthenticationCode = "unauthorized" | "rate_limited";

/** The caller, or why the request is refused (`retryAfterSeconds` when over the key's rate). */
export type Authentication = Result<
  { caller: Caller },
  AuthenticationCode,
  { retryAfterSeconds?: number }
>;

export async function authenticatePartner(request: Request): Promise<Authentication> {
  const bearer = readBearer(request.headers.get("authorization"));
  if (!bearer) {
    return fail(
      "unauthorized",
      "Send your OneCode API key as `Authorization: Bearer oc_…` (never in the URL).",
    );
  }
  const now = Date.now();
  const key = await cachedKey(bearer.prefix, now);
  if (!key || !key.usable || !secretMatches(bearer.secret, key.secretHash)) {
    return fail("unauthorized", "This API key is not valid: it may have been revoked or rotated.");
  }
  let bucket = buckets.get(key.keyId);
  if (!bucket) buckets.set(key.keyId, (bucket = fullBucket(key.ratePerMinute, now)));
  const decision = takeToken(bucket, key.ratePerMinute, now);
  if (!decision.ok) return decision;
  noteUse(key.keyId, now);
  return ok({
    caller: {
      keyId: key.keyId,
      prefix: key.prefix,
      shop: key.shop,
      partnerId: key.partnerId,
      campaignIds: key.campaignIds,
      allocationIds: key.allocationIds,
    },
  });
}

/** Forgets cached keys (tests; the admin page after revoking in this process). */
export function forgetCachedKeys(): void {
  keys.clear();
  buckets.clear();
}

function cachedKey(prefix: string, now: number): Promise<CachedKey | null> {
  // A load in flight or younger than KEY_CACHE_MS serves every request meanwhile.
  const cached = keys.get(prefix);
  if (cached && now - cached.loadedAt < KEY_CACHE_MS) return cached.key;
  const key = load(prefix);
  keys.set(prefix, { loadedAt: now, key });
  // Unknown prefixes are not kept: guessing them must not fill memory.
  key.then(
    (found) => found || keys.delete(prefix),
    () => keys.delete(prefix),
  );
  return key;
}

async function load(prefix: string): Promise<CachedKey | null> {
  const row = await db.apiKey.findUnique({
    where: { prefix },
    include: { partner: { select: { shopRef: { select: { state: true } } } } },
  });
  if (!row) return null;
  const now = Date.now();
  return {
    keyId: row.id,
    prefix: row.prefix,
    shop: row.shop,
    partnerId: row.partnerId,
    campaignIds: idList(row.campaignIds),
    allocationIds: idList(row.allocationIds),
    secretHash: row.secretHash,
    ratePerMinute: row.ratePerMinute,
    // An expiring key must not outlive its grace through the cache.
    usable:
      !row.revokedAt &&
      (!row.expiresAt || row.expiresAt.getTime() > now + KEY_CACHE_MS) &&
      row.partner.shopRef.state === "installed",
  };
}

function idList(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : null;
}

function noteUse(keyId: string, now: number): void {
  if (now - (lastUsedWritten.get(keyId) ?? 0) < LAST_USED_EVERY_MS) return;
  lastUsedWritten.set(keyId, now);
  db.apiKey
    .update({ where: { id: keyId }, data: { lastUsedAt: new Date(now) } })
    .catch((error: unknown) =>
      console.warn("OneCode: recording an API key's last use failed:", error),
    );
}
