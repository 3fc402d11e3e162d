import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { normalizeCode } from "./normalize";

describe("normalizeCode", () => {
  it("makes the ways a shopper or merchant writes one code identical", () => {
    const spellings = [
      "vip-ab12",
      " VIP-AB12 ",
      "\tVip-Ab12\r\n",
      "\uFEFFvip-ab12",
      "\u00a0VIP-ab12",
    ];
    expect(new Set(spellings.map(normalizeCode))).toEqual(new Set(["VIP-AB12"]));
  });

  it("keeps inner spaces, so two codes Shopify tells apart stay apart", () => {
    expect(normalizeCode("summer sale")).toBe("SUMMER SALE");
    expect(normalizeCode("summer sale")).not.toBe(normalizeCode("summersale"));
  });

  it("upper-cases ASCII only: non-ASCII letters keep their spelling and the length", () => {
    expect(normalizeCode("straße")).toBe("STRAßE");
    expect(normalizeCode("été")).toBe("éTé");
    expect(normalizeCode("ＡＢＣ")).toBe("ＡＢＣ");
  });

  it("is idempotent for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 64 }), (raw) => {
        const once = normalizeCode(raw);
        expect(normalizeCode(once)).toBe(once);
      }),
    );
  });

  it("never lengthens a code and ignores ASCII case", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary-ascii" }), (raw) => {
        expect(normalizeCode(raw).length).toBeLessThanOrEqual(raw.length);
        expect(normalizeCode(raw.toLowerCase())).toBe(normalizeCode(raw.toUpperCase()));
      }),
    );
  });
});
