import { createHash } from "node:crypto";
import type { Gid } from "./types";

// Shopify GIDs: gid://shopify/<Type>/<number>. The number is kept as a decimal string from a
// bigint sequence so ids past 2^53 stay exact (apps must never parse them into JS numbers).
const GID_PATTERN = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(\?.*)?$/;

export interface IdSequence {
  next: bigint;
}

export function nextGid(seq: IdSequence, type: string): Gid {
  const n = seq.next;
  seq.next += 1n;
  return `gid://shopify/${type}/${n.toString()}`;
}

export function parseGid(gid: string): { type: string; id: string } | null {
  const m = GID_PATTERN.exec(gid);
  if (!m || !m[1] || !m[2]) return null;
  return { type: m[1], id: m[2] };
}

export function gidType(gid: string): string | null {
  return parseGid(gid)?.type ?? null;
}

/** The numeric part of a GID, as a string (Shopify's legacyResourceId). */
export function legacyId(gid: string): string {
  const parsed = parseGid(gid);
  if (!parsed) throw new Error(`Not a Shopify GID: ${gid}`);
  return parsed.id;
}

/** Shopify Function ids are UUID strings; derive a stable one from the app and handle. */
export function functionUuid(apiKey: string, handle: string): string {
  const h = createHash("sha256").update(`${apiKey}/${handle}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A stable numeric id for things configured rather than created (apps): same input, same id. */
export function stableNumericId(seed: string): string {
  return BigInt("0x" + createHash("sha256").update(seed).digest("hex").slice(0, 12)).toString();
}
