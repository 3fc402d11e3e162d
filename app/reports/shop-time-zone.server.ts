// The shop's time zone (Shop.ianaTimezone in the Admin API), which cuts the reports' days. Read
// once per shop and process and kept for ten minutes: a merchant rarely changes it, and a report
// should not wait on Shopify at every view. When Shopify cannot answer, days are cut in UTC and the
// page says so, rather than failing the whole report.
import { isTimeZone } from "./local-days";

type Graphql = (query: string) => Promise<Response>;

const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; zone: string }>();

export interface ShopTimeZone {
  zone: string;
  /** False when the zone could not be read and UTC stands in for it. */
  known: boolean;
}

export async function shopTimeZone(shop: string, graphql: Graphql): Promise<ShopTimeZone> {
  const hit = cache.get(shop);
  if (hit && Date.now() - hit.at < TTL_MS) return { zone: hit.zone, known: true };
  try {
    const response = await graphql(`
      #graphql
      query ShopTimeZone {
        shop {
          ianaTimezone
        }
      }
    `);
    const body = (await response.json()) as { data?: { shop?: { ianaTimezone?: string } } };
    const zone = body.data?.shop?.ianaTimezone;
    if (zone && isTimeZone(zone)) {
      cache.set(shop, { at: Date.now(), zone });
      return { zone, known: true };
    }
  } catch {
    // Fall through: the report still renders, in UTC days.
  }
  return { zone: "UTC", known: false };
}
