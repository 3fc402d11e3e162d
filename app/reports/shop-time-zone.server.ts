// The clock that cuts the reports' days: the shop's time zone as Shopify gives it. When Shopify
// cannot answer, days are cut in UTC and the page says so, rather than failing the whole report.
import type { AdminGraphql } from "../shopify/admin-graphql";
import { shopTimeZone } from "../shops/shop-time-zone.server";

export interface ReportTimeZone {
  zone: string;
  /** False when the zone could not be read and UTC stands in for it. */
  known: boolean;
}

export async function reportTimeZone(shop: string, graphql: AdminGraphql): Promise<ReportTimeZone> {
  const read = await shopTimeZone(shop, graphql);
  return read.ok ? { zone: read.timeZone, known: true } : { zone: "UTC", known: false };
}
