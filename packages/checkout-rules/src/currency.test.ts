import { describe, expect, it } from "vitest";
import { minorDigits } from "./currency";

describe("minorDigits", () => {
  it("gives ISO 4217's decimals, 2 for an unknown or missing currency", () => {
    expect(minorDigits("USD")).toBe(2);
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits("KWD")).toBe(3);
    expect(minorDigits("XYZ")).toBe(2);
    expect(minorDigits(null)).toBe(2);
  });

  it("keeps ISO 4217's 2 where newer CLDR data (Intl) says 0", () => {
    for (const code of ["COP", "HUF", "IDR", "PKR"]) expect(minorDigits(code)).toBe(2);
  });
});
