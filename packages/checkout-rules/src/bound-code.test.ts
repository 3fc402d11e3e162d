import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BOUND_TAG_LENGTH, bindCode, boundTag, verifyBoundCode } from "./bound-code";

const KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
const ADA = "gid://shopify/Customer/1001";

// The tag computed independently with Node's own HMAC, to pin the format down.
function expectedTag(key: string, part: string, customer: string): string {
  const mac = createHmac("sha256", Buffer.from(key, "hex"))
    .update(`onecode/bound-code/v1\n${part}\n${customer}`)
    .digest();
  let bits = "";
  for (const byte of mac.subarray(0, 5)) bits += byte.toString(2).padStart(8, "0");
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  return Array.from(
    { length: 8 },
    (_, i) => alphabet[parseInt(bits.slice(i * 5, i * 5 + 5), 2)],
  ).join("");
}

describe("bound codes", () => {
  it("tags with HMAC-SHA-256 over the random part and the customer's numeric id", () => {
    expect(boundTag(KEY, "spring-7kq2", ADA)).toBe(expectedTag(KEY, "SPRING-7KQ2", "1001"));
    expect(boundTag(KEY, "SPRING-7KQ2", "1001")).toBe(boundTag(KEY, "SPRING-7KQ2", ADA));
    expect(BOUND_TAG_LENGTH).toBe(8);
  });

  it("works for its customer, typed in any case", () => {
    const code = bindCode(KEY, "SPRING-7KQ2", ADA);
    expect(code).toMatch(/^SPRING-7KQ2-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(verifyBoundCode(code!, KEY, ADA)).toBe(true);
    expect(verifyBoundCode(` ${code!.toLowerCase()} `, KEY, ADA)).toBe(true);
  });

  it("gives nothing to another customer, a guest, a changed tag or another campaign's key", () => {
    const code = bindCode(KEY, "SPRING-7KQ2", ADA)!;
    const flipped = code.slice(0, -1) + (code.endsWith("0") ? "1" : "0");
    expect(verifyBoundCode(code, KEY, "gid://shopify/Customer/1002")).toBe(false);
    expect(verifyBoundCode(code, KEY, null)).toBe(false);
    expect(verifyBoundCode(flipped, KEY, ADA)).toBe(false);
    expect(verifyBoundCode(code, randomBytes(32).toString("hex"), ADA)).toBe(false);
    expect(verifyBoundCode("SPRING-7KQ2", KEY, ADA)).toBe(false);
  });

  it("refuses an unusable key, customer id or code", () => {
    expect(bindCode("not-hex", "SPRING", ADA)).toBeNull();
    expect(bindCode(KEY, "SPRING", "gid://shopify/Order/1")).toBeNull();
    expect(bindCode(KEY, "  ", ADA)).toBeNull();
    expect(verifyBoundCode("SPRÏNG-ABCDEFGH", KEY, ADA)).toBe(false);
  });
});
