// Codes of one length packed end to end in bytes: one buffer instead of a string per code.
import { isCodeCharacter } from "./code-problems";

export interface CodeBlock {
  /** Characters per code. */
  readonly length: number;
  readonly count: number;
  /** `count * length` bytes, one ASCII character each. */
  readonly bytes: Uint8Array;
}

const latin1 = new TextDecoder("latin1");

/** Code `index` of the block. */
export function codeAt(block: CodeBlock, index: number): string {
  const start = index * block.length;
  return latin1.decode(block.bytes.subarray(start, start + block.length));
}

// The databases' case-insensitive order (SQLite NOCASE, PostgreSQL ICU level 2): the index's order.
export const KEY_RANK = Uint8Array.from({ length: 256 }, (_, byte) =>
  byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte,
);

/** The block's codes in the unique index's order, by a linear radix sort. */
export function sortBlock(block: CodeBlock): CodeBlock {
  const { length, count, bytes } = block;
  let order = Uint32Array.from({ length: count }, (_, i) => i);
  let next = new Uint32Array(count);
  const starts = new Uint32Array(257);
  for (let position = length - 1; position >= 0; position--) {
    starts.fill(0);
    for (let i = 0; i < count; i++)
      starts[(KEY_RANK[bytes[i * length + position]!] as number) + 1]!++;
    // Fixed text (a prefix, a pattern's hyphens) is the same in every code: nothing to reorder.
    if (starts.includes(count)) continue;
    for (let rank = 1; rank < 257; rank++) starts[rank]! += starts[rank - 1]!;
    for (let i = 0; i < count; i++) {
      const code = order[i]!;
      next[starts[KEY_RANK[bytes[code * length + position]!]!]!++] = code;
    }
    [order, next] = [next, order];
  }
  const sorted = new Uint8Array(bytes.length);
  for (let i = 0; i < count; i++) {
    const from = order[i]! * length;
    for (let k = 0; k < length; k++) sorted[i * length + k] = bytes[from + k]!;
  }
  return { length, count, bytes: sorted };
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const BRACKETS = { json: [0x5b, 0x5d], postgres: [0x7b, 0x7d] } as const;
const SAFE = Uint8Array.from({ length: 256 }, (_, byte) =>
  isCodeCharacter(String.fromCharCode(byte)) ? 1 : 0,
);

/**
 * The codes as one list literal: `["A","B"]` (JSON) or `{"A","B"}` (PostgreSQL); code
 * characters need no escaping, any other byte is refused.
 */
export function listText(block: CodeBlock, syntax: keyof typeof BRACKETS): string {
  const { length, count, bytes } = block;
  const [open, close] = BRACKETS[syntax];
  if (count === 0) return String.fromCharCode(open, close);
  const out = new Uint8Array(count * (length + 3) + 1);
  out[0] = open;
  let at = 1;
  for (let i = 0; i < count; i++) {
    out[at++] = QUOTE;
    for (let k = i * length, end = k + length; k < end; k++) {
      const byte = bytes[k]!;
      if (SAFE[byte] === 0)
        throw new RangeError(`Code ${codeAt(block, i)} has a character codes may not hold.`);
      out[at++] = byte;
    }
    out[at++] = QUOTE;
    out[at++] = COMMA;
  }
  out[at - 1] = close;
  return latin1.decode(out);
}
