import { ShopifyGraphQLError } from "./errors";

// Relay connections as Shopify serves them: one of first/last is required, pages hold at most
// 250 items, cursors are opaque base64 strings (Shopify's encode {"last_id":..,"last_value":..}).

export const MAX_PAGE_SIZE = 250;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface CursorKey {
  /** Numeric part of the item's id, as a string (may exceed 2^53). */
  id: string;
  /** The sort value the list is ordered by (ties broken by id). */
  value: string | number;
}

export interface ConnectionValue<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify({ last_id: key.id, last_value: key.value })).toString("base64");
}

function decodeCursor(cursor: string, argName: string): CursorKey {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as Record<
      string,
      unknown
    >;
    const id = parsed.last_id;
    const value = parsed.last_value;
    if (
      typeof id === "string" &&
      /^\d+$/.test(id) &&
      (typeof value === "string" || typeof value === "number")
    ) {
      return { id, value };
    }
  } catch {
    // fall through to the error below
  }
  throw new ShopifyGraphQLError(`Invalid cursor for '${argName}'.`, "BAD_REQUEST");
}

function compareKeys(a: CursorKey, b: CursorKey): number {
  if (a.value !== b.value) {
    if (typeof a.value === "number" && typeof b.value === "number") return a.value - b.value;
    return String(a.value) < String(b.value) ? -1 : 1;
  }
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * One page of `items` (already filtered), sorted ascending by `keyOf` (then id), reversed when
 * `reverse`, then windowed by after/before and first/last.
 */
export function paginate<T>(
  fieldName: string,
  items: T[],
  args: ConnectionArgs,
  keyOf: (item: T) => CursorKey,
): ConnectionValue<T> {
  const { first, last } = args;
  if ((first === null || first === undefined) && (last === null || last === undefined)) {
    throw new ShopifyGraphQLError("you must provide one of first or last", "BAD_REQUEST");
  }
  for (const [name, size] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (size !== null && size !== undefined && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw new ShopifyGraphQLError(
        `Argument '${name}' on Field '${fieldName}' has an invalid value (${size}). Expected a page size from 0 to ${MAX_PAGE_SIZE}.`,
        "BAD_REQUEST",
      );
    }
  }
  const direction = args.reverse ? -1 : 1;
  let keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => direction * compareKeys(a.key, b.key));
  if (args.after) {
    const after = decodeCursor(args.after, "after");
    keyed = keyed.filter((k) => direction * compareKeys(k.key, after) > 0);
  }
  if (args.before) {
    const before = decodeCursor(args.before, "before");
    keyed = keyed.filter((k) => direction * compareKeys(k.key, before) < 0);
  }
  const total = keyed.length;
  let start = 0;
  let end = total;
  if (first !== null && first !== undefined) end = Math.min(end, first);
  if (last !== null && last !== undefined) start = Math.max(start, end - last);
  const page = keyed.slice(start, end);
  const edges = page.map((k) => ({ cursor: encodeCursor(k.key), node: k.item }));
  return {
    edges,
    nodes: page.map((k) => k.item),
    pageInfo: {
      hasNextPage: end < total,
      hasPreviousPage: start > 0 || Boolean(args.after && items.length > total),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
