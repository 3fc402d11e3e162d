// The shop's time zone, as the merchant set it in Shopify (`shop.ianaTimezone`): campaign start
// and end times are read and shown on that clock. Kept for a few minutes per shop, since the
// campaign page re-reads its data every second or two while codes are pushed.
import type { AdminGraphql } from "../shopify/admin-graphql";
import { fail, type Result } from "../result";
import { isTimeZone } from "./zoned-time";

export const SHOP_TIME_ZONE_QUERY = /* GraphQL */ `
  query OneCodeShopTimeZone {
    shop {
      ianaTimezone
    }
  }
`;

const KEEP_MS = 5 * 60_000;
const known = new Map<string, { timeZone: string; until: number }>();

export type ShopTimeZone = Result<{ timeZone: string }, "time_zone_unreadable">;

export async function shopTimeZone(shop: string, graphql: AdminGraphql): Promise<ShopTimeZone> {
  const cached = known.get(shop);
  if (cached && cached.until > Date.now()) return { ok: true, timeZone: cached.timeZone };
  let timeZone: unknown;
  try {
    const response = await graphql(SHOP_TIME_ZONE_QUERY);
    const body = (await response.json()) as { data?: { shop?: { ianaTimezone?: unknown } } };
    timeZone = body.data?.shop?.ianaTimezone;
  } catch {
    timeZone = undefined;
  }
  if (typeof timeZone !== "string" || !isTimeZone(timeZone)) {
    return fail(
      "time_zone_unreadable",
      "OneCode could not read your store's time zone from Shopify, so it cannot tell when the campaign starts. Try again in a moment.",
    );
  }
  known.set(shop, { timeZone, until: Date.now() + KEEP_MS });
  return { ok: true, timeZone };
}
