import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMoney, parseMoney, splitMoney } from "./money";

describe("money", () => {
  it("parses Shopify's amounts exactly and writes them back", () => {
    expect(formatMoney(parseMoney("598.94")!)).toBe("598.94");
    expect(formatMoney(parseMoney("0.1")! + parseMoney("0.2")!)).toBe("0.30");
    expect(formatMoney(parseMoney("1000")!)).toBe("1000.00");
    expect(formatMoney(parseMoney("0.125")!)).toBe("0.125");
    expect(formatMoney(-parseMoney("3.5")!)).toBe("-3.50");
    expect(parseMoney("abc")).toBeNull();
    expect(parseMoney("1.00001")).toBeNull();
  });

  it("splits an amount into shares that add up to it, a cent apart at most", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 1, max: 7 }),
        (cents, parts) => {
          const units = cents * 100n;
          const shares = splitMoney(units, parts, 2);
          expect(shares).toHaveLength(parts);
          expect(shares.reduce((a, b) => a + b, 0n)).toBe(units);
          const spread =
            shares.reduce((m, s) => (s > m ? s : m), 0n) -
            shares.reduce((m, s) => (s < m ? s : m), units);
          expect(spread <= 100n).toBe(true);
        },
      ),
    );
    expect(splitMoney(parseMoney("10.00")!, 3).map(formatMoney)).toEqual(["3.34", "3.33", "3.33"]);
    expect(splitMoney(parseMoney("1001")!, 2, 0).map(formatMoney)).toEqual(["501.00", "500.00"]);
  });
});
