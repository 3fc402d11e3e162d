import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { numericId, parseWebhookJson } from "./json";

const refundSample = readFileSync(
  new URL("../../test/fixtures/shopify-webhooks/refunds-create.json", import.meta.url),
  "utf8",
);

describe("parseWebhookJson", () => {
  it("keeps Shopify's ids past 2^53 exact where JSON.parse rounds them", () => {
    const exact = parseWebhookJson(refundSample) as Record<string, unknown>;
    const rounded = JSON.parse(refundSample) as Record<string, unknown>;
    expect(exact.order_id).toBe("820982911946154508");
    expect(String(rounded.order_id)).not.toBe("820982911946154508");
    expect(exact.user_id).toBe(548380009);
  });

  it("leaves decimals, small integers and strings alone", () => {
    expect(parseWebhookJson('{"a":1.5,"b":[2,-3],"c":"12345678901234567890"}')).toEqual({
      a: 1.5,
      b: [2, -3],
      c: "12345678901234567890",
    });
  });
});

describe("numericId", () => {
  it("reads GIDs, digit strings and safe numbers, and nothing else", () => {
    expect(numericId("gid://shopify/Order/820982911946154508")).toBe("820982911946154508");
    expect(numericId("gid://shopify/Customer/7?foo=1")).toBe("7");
    expect(numericId(450789469)).toBe("450789469");
    expect(numericId("820982911946154508")).toBe("820982911946154508");
    // A rounded number cannot be trusted: no id rather than a wrong one.
    expect(numericId(Number("820982911946154508"))).toBeNull();
    expect(numericId("gid://shopify/Order/abc")).toBeNull();
    expect(numericId(null)).toBeNull();
  });
});
