// Cursor pagination of the partner API's lists: the cursor is the last row's id, opaque to
// clients (base64url), and a page is asked for one row more than its size to know whether
// another follows.
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export type PageParams = { limit: number; after: string | null };

export function readPage(url: URL): PageParams | string {
  const rawLimit = url.searchParams.get("limit");
  const limit = rawLimit === null ? DEFAULT_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return `limit must be a whole number from 1 to ${MAX_LIMIT}.`;
  }
  const cursor = url.searchParams.get("cursor");
  if (cursor === null) return { limit, after: null };
  const after = Buffer.from(cursor, "base64url").toString("utf8");
  if (
    !after ||
    after.includes("\u0000") ||
    Buffer.from(after, "utf8").toString("base64url") !== cursor
  ) {
    return "cursor is not one this API gave out; pass next_cursor from the previous page.";
  }
  return { limit, after };
}

export function pageOf<T extends { id: string | number }>(
  rows: T[],
  limit: number,
): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const kept = rows.slice(0, limit);
  return { rows: kept, nextCursor: Buffer.from(String(kept.at(-1)!.id)).toString("base64url") };
}
