import { describe, expect, it } from "vitest";
import { newBoundKey } from "./bound-code-key.server";

describe("newBoundKey", () => {
  it("is a key the rules document and the bound-code tag accept, new each time", () => {
    expect(newBoundKey()).toMatch(/^[0-9a-f]{64}$/);
    expect(newBoundKey()).not.toBe(newBoundKey());
  });
});
