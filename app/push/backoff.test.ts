import { describe, expect, it } from "vitest";
import { fullJitterDelay } from "./backoff";

const policy = { baseMs: 500, capMs: 8_000 };

describe("full-jitter backoff", () => {
  it("draws each wait from a window that doubles per retry up to the cap", () => {
    const top = () => 0.999_999;
    expect([0, 1, 2, 3, 4, 5].map((n) => fullJitterDelay(policy, n, top))).toEqual([
      499, 999, 1_999, 3_999, 7_999, 7_999,
    ]);
  });

  it("can wait anything from nothing up to the window, so failed clients spread out", () => {
    expect(fullJitterDelay(policy, 3, () => 0)).toBe(0);
    expect(fullJitterDelay(policy, 3, () => 0.5)).toBe(2_000);
  });
});
