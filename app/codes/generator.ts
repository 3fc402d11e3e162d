// Draws codes of a format from a cryptographically secure random source, in bulk.
//
// Each random character takes one random byte. Bytes at or above the largest multiple of the
// alphabet size that fits in 256 are thrown away (rejection sampling): taking `byte % size` of
// every byte would make the first `256 % size` characters more frequent (for the default
// 31-character alphabet, 8 characters would come up 9/8 as often as the rest). The default
// source is the Web Crypto CSPRNG (`crypto.getRandomValues`, the OS generator in Node 22 and in
// browsers), read 64 KiB at a time, its maximum per call. Tests inject a deterministic source.
//
// Uniqueness is not this module's job: the database's case-insensitive unique index is the
// only check free of races, and the caller regenerates the shortfall (issue 4, item 3).

import type { CodeBlock } from "./code-block";
import type { CodeFormat } from "./format";
import { RANDOM_PLACEHOLDER } from "./format";

/** Fills `target` with random bytes. */
export type RandomSource = (target: Uint8Array) => void;

export const systemRandom: RandomSource = (target) => {
  for (let offset = 0; offset < target.length; offset += MAX_WEB_CRYPTO_BYTES) {
    globalThis.crypto.getRandomValues(target.subarray(offset, offset + MAX_WEB_CRYPTO_BYTES));
  }
};

const MAX_WEB_CRYPTO_BYTES = 65_536;
const POOL_BYTES = 65_536;
const ascii = new TextDecoder("latin1");

export interface CodeGenerator {
  /** One new random code. */
  next(): string;
  /** `count` new random codes (duplicates are possible, as rarely as the odds say). */
  take(count: number): string[];
  /** The same as `take`, packed in bytes: for millions of codes without a string for each. */
  takeBlock(count: number): CodeBlock;
}

export function createCodeGenerator(
  format: CodeFormat,
  random: RandomSource = systemRandom,
): CodeGenerator {
  const size = format.alphabet.length;
  if (size < 2 || size > 256) throw new RangeError("alphabet must hold 2 to 256 characters");
  // byte -> character code, 0 for rejected bytes (0 is never a code character).
  const table = new Uint8Array(256);
  const accepted = 256 - (256 % size);
  for (let b = 0; b < accepted; b++) table[b] = format.alphabet.charCodeAt(b % size);

  const template = Uint8Array.from(format.pattern, (ch) =>
    ch === RANDOM_PLACEHOLDER ? 0 : ch.charCodeAt(0),
  );
  const positions = Int32Array.from(
    [...format.pattern].flatMap((ch, i) => (ch === RANDOM_PLACEHOLDER ? [i] : [])),
  );
  const length = format.length;
  const pool = new Uint8Array(POOL_BYTES);
  let cursor = POOL_BYTES;

  function takeBlock(count: number): CodeBlock {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError("count must be ≥ 0");
    const out = new Uint8Array(count * length);
    fillRepeated(out, template);
    for (let base = 0; base < out.length; base += length) {
      for (let k = 0; k < positions.length; k++) {
        let ch = 0;
        while (ch === 0) {
          if (cursor === POOL_BYTES) {
            random(pool);
            cursor = 0;
          }
          ch = table[pool[cursor++] as number] as number;
        }
        out[base + (positions[k] as number)] = ch;
      }
    }
    return { length, count, bytes: out };
  }

  function take(count: number): string[] {
    const { bytes } = takeBlock(count);
    const all = ascii.decode(bytes);
    const codes = new Array<string>(count);
    for (let i = 0; i < count; i++) codes[i] = all.slice(i * length, (i + 1) * length);
    return codes;
  }

  return { take, takeBlock, next: () => take(1)[0] as string };
}

// Copies `unit` over `out` end to end, doubling the copied span each step.
function fillRepeated(out: Uint8Array, unit: Uint8Array): void {
  if (out.length === 0) return;
  out.set(unit);
  for (let filled = unit.length; filled < out.length; filled *= 2) {
    out.copyWithin(filled, 0, Math.min(filled, out.length - filled));
  }
}
