import { describe, expect, it } from "vitest";
import { GIVE_UP_AFTER_MS, nextDelayMs } from "./backoff";

describe("partner webhook backoff", () => {
  it("doubles from the base, caps at six hours, and keeps trying well past a day", () => {
    expect(nextDelayMs(1, 30_000, 0)).toBe(30_000);
    expect(nextDelayMs(2, 30_000, 0)).toBe(60_000);
    expect(nextDelayMs(20, 30_000, 0)).toBe(6 * 3_600_000);
    expect(nextDelayMs(1, 30_000, 1)).toBe(36_000);
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < GIVE_UP_AFTER_MS) elapsed += nextDelayMs(++attempts, 30_000, 0);
    expect(GIVE_UP_AFTER_MS).toBeGreaterThanOrEqual(24 * 3_600_000);
    // Attempts keep coming at most six hours apart until it gives up.
    expect(attempts).toBeGreaterThan(15);
  });
});
