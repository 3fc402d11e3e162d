// Draws codes of a format from a CSPRNG in bulk, by rejection sampling so every character is
// equally likely. Uniqueness is the database index's job; the caller redraws the shortfall.

import { KEY_RANK, type CodeBlock } from "./code-block";
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
  /** `count` codes in the unique index's order, a block at a time (`rangeSize` codes a range). */
  keyOrdered(count: number, rangeSize: number): KeyOrderedDraw;
}

/** Codes drawn in key order without holding them all, distributed as `count` independent draws. */
export interface KeyOrderedDraw {
  /** The next `count` codes; past the `count` planned, plain random codes in no order. */
  take(count: number): CodeBlock;
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

  // A uniformly random character code of the alphabet.
  function nextCharacter(): number {
    let ch = 0;
    while (ch === 0) {
      if (cursor === POOL_BYTES) {
        random(pool);
        cursor = 0;
      }
      ch = table[pool[cursor++] as number] as number;
    }
    return ch;
  }

  // `count` codes of `unit`, a pattern whose first `fixed` random positions are already filled.
  function fill(count: number, unit: Uint8Array, fixed: number): Uint8Array {
    const out = new Uint8Array(count * length);
    fillRepeated(out, unit);
    for (let base = 0; base < out.length; base += length) {
      for (let k = fixed; k < positions.length; k++) {
        out[base + (positions[k] as number)] = nextCharacter();
      }
    }
    return out;
  }

  function takeBlock(count: number): CodeBlock {
    checkCount(count);
    return { length, count, bytes: fill(count, template, 0) };
  }

  // The alphabet in key order, and each character code's place in it.
  const keyAlphabet = Uint8Array.from(format.alphabet, (ch) => ch.charCodeAt(0)).sort(
    (a, b) => (KEY_RANK[a] as number) - (KEY_RANK[b] as number),
  );
  const keyIndex = new Uint8Array(256);
  keyAlphabet.forEach((ch, i) => (keyIndex[ch] = i));

  function keyOrdered(count: number, rangeSize: number): KeyOrderedDraw {
    checkCount(count);
    // Enough leading characters for ranges of about `rangeSize` codes, as the space allows.
    let lead = 0;
    let ranges = 1;
    while (lead < positions.length && count / ranges > rangeSize) {
      lead++;
      ranges *= size;
    }
    const planned = new Float64Array(ranges);
    for (let i = 0; i < count; i++) {
      let range = 0;
      for (let k = 0; k < lead; k++) range = range * size + (keyIndex[nextCharacter()] as number);
      planned[range]!++;
    }
    let range = 0;
    return {
      take(wanted: number): CodeBlock {
        checkCount(wanted);
        const parts: Uint8Array[] = [];
        let taken = 0;
        while (taken < wanted && range < ranges) {
          const n = Math.min(wanted - taken, planned[range] as number);
          if (n > 0) {
            parts.push(fill(n, leadTemplate(range, lead), lead));
            planned[range]! -= n;
            taken += n;
          }
          if (planned[range] === 0) range++;
        }
        if (taken < wanted) parts.push(fill(wanted - taken, template, 0));
        const bytes = parts.length === 1 ? parts[0]! : concatenate(parts, wanted * length);
        return { length, count: wanted, bytes };
      },
    };
  }

  // The pattern with its first `lead` random positions spelling range `range` in key order.
  function leadTemplate(range: number, lead: number): Uint8Array {
    const unit = template.slice();
    for (let k = lead - 1; k >= 0; k--) {
      unit[positions[k] as number] = keyAlphabet[range % size] as number;
      range = Math.floor(range / size);
    }
    return unit;
  }

  function take(count: number): string[] {
    const { bytes } = takeBlock(count);
    const all = ascii.decode(bytes);
    const codes = new Array<string>(count);
    for (let i = 0; i < count; i++) codes[i] = all.slice(i * length, (i + 1) * length);
    return codes;
  }

  return { take, takeBlock, keyOrdered, next: () => take(1)[0] as string };
}

function checkCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError("count must be ≥ 0");
}

function concatenate(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// Copies `unit` over `out` end to end, doubling the copied span each step.
function fillRepeated(out: Uint8Array, unit: Uint8Array): void {
  if (out.length === 0) return;
  out.set(unit);
  for (let filled = unit.length; filled < out.length; filled *= 2) {
    out.copyWithin(filled, 0, Math.min(filled, out.length - filled));
  }
}
