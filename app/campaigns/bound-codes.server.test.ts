import { describe, expect, it } from "vitest";
import { newBindingKey } from "./bound-codes.server";

describe("newBindingKey", () => {
  it("is a key the rules document and the bound-code tag accept, new each time", () => {
    expect(newBindingKey()).toMatch(/^[0-9a-f]{64}$/);
    expect(newBindingKey()).not.toBe(newBindingKey());
  });
});
