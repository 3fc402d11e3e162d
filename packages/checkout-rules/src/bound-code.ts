// Customer-bound codes without a lookup table (decision 003): `<random part>-<tag>`, the tag an
// HMAC-SHA-256 of (random part, customer id) in 40 bits of Crockford base32. Pure JS for QuickJS.

import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { normalizeCode } from "./normalize";

/** Characters of the tag: 8 × 5 bits = 40 bits, a 1 in 10^12 chance another buyer matches. */
export const BOUND_TAG_LENGTH = 8;

// Crockford's base32: no I, L, O or U, so a tag survives being read aloud or retyped.
export const BOUND_TAG_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const DOMAIN = "onecode/bound-code/v1";
const CUSTOMER_ID = /^(?:gid:\/\/shopify\/Customer\/)?(\d{1,20})$/;

/** The numeric id of a customer given as a GID or as a number string, or null. */
export function customerNumber(customerId: string): string | null {
  return CUSTOMER_ID.exec(customerId)?.[1] ?? null;
}

/** The tag binding `randomPart` to the customer, or null for an unusable key, part or id. */
export function boundTag(keyHex: string, randomPart: string, customerId: string): string | null {
  const key = hexBytes(keyHex);
  const customer = customerNumber(customerId);
  const part = normalizeCode(randomPart);
  if (!key || !customer || part.length === 0) return null;
  const message = asciiBytes(`${DOMAIN}\n${part}\n${customer}`);
  if (!message) return null;
  return base32Tag(hmac(sha256, key, message));
}

/** The bound code for one customer: what the app pushes to Shopify and hands out. */
export function bindCode(keyHex: string, randomPart: string, customerId: string): string | null {
  const tag = boundTag(keyHex, randomPart, customerId);
  return tag ? `${normalizeCode(randomPart)}-${tag}` : null;
}

/** True when `code` (any case) is bound to this customer; false for a guest or anyone else. */
export function verifyBoundCode(code: string, keyHex: string, customerId: string | null): boolean {
  if (!customerId) return false;
  const normalized = normalizeCode(code);
  const dash = normalized.lastIndexOf("-");
  if (dash <= 0 || normalized.length - dash - 1 !== BOUND_TAG_LENGTH) return false;
  const expected = boundTag(keyHex, normalized.slice(0, dash), customerId);
  return expected !== null && sameText(expected, normalized.slice(dash + 1));
}

function base32Tag(mac: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (let i = 0; out.length < BOUND_TAG_LENGTH; i++) {
    value = (value << 8) | (mac[i] ?? 0);
    bits += 8;
    while (bits >= 5 && out.length < BOUND_TAG_LENGTH) {
      bits -= 5;
      out += BOUND_TAG_ALPHABET[(value >>> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

function hexBytes(hex: string): Uint8Array | null {
  if (!/^[0-9a-f]{64}$/.test(hex)) return null;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function asciiBytes(text: string): Uint8Array | null {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return null;
    bytes[i] = code;
  }
  return bytes;
}

// Compares every character, so the time taken does not tell how much of a tag was right.
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
