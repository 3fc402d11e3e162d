// The partner API key's text form and its hash. A key reads `oc_<prefix>_<secret>`: the prefix is
// public (it names the key in lists and logs and finds its row), the secret is 32 random bytes
// and only its SHA-256 is stored, so a database leak gives no working key. SHA-256 rather than a
// slow password hash: the secret is random, not guessable, and every API request checks it.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const KEY_PATTERN = /^oc_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

export interface NewKey {
  token: string;
  prefix: string;
  secretHash: string;
}

export function newApiKey(): NewKey {
  const prefix = randomBytes(8).toString("hex").slice(0, 10);
  const secret = randomBytes(32).toString("base64url");
  return { token: `oc_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The prefix and secret of an `Authorization: Bearer` header, or null when it is not one. */
export function readBearer(header: string | null): { prefix: string; secret: string } | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const key = match && KEY_PATTERN.exec(match[1]!);
  return key ? { prefix: key[1]!, secret: key[2]! } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
