import { describe, expect, it } from "vitest";
import { shopTimeZone } from "./shop-time-zone.server";

const answering = (body: unknown) => async () => Response.json(body);

describe("shopTimeZone", () => {
  it.each([
    ["time_zone_unreadable", answering({ data: { shop: { ianaTimezone: "Mars/Olympus" } } })],
  ] as const)("%s: a zone Shopify did not give is refused in words", async (code, graphql) => {
    expect(await shopTimeZone("zone-unreadable.myshopify.com", graphql)).toEqual({
      ok: false,
      code,
      message:
        "OneCode could not read your store's time zone from Shopify, so it cannot tell when the campaign starts. Try again in a moment.",
    });
  });

  it("reads the zone Shopify gives", async () => {
    const graphql = answering({ data: { shop: { ianaTimezone: "Europe/Paris" } } });
    expect(await shopTimeZone("zone-read.myshopify.com", graphql)).toEqual({
      ok: true,
      timeZone: "Europe/Paris",
    });
  });
});
