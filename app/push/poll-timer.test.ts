import { describe, expect, it } from "vitest";
import { PollTimer } from "./poll-timer";

describe("polling an asynchronous Shopify job", () => {
  it("re-polls a job that is not done soon, then less and less often, within bounds", () => {
    const timer = new PollTimer({ initialMs: 400, minMs: 50, maxMs: 1_000 });
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => timer.delay(n))).toEqual([
      400, 100, 150, 225, 338, 506, 759,
    ]);
    expect(timer.delay(20)).toBe(1_000);
  });

  it("settles the first wait near the jobs' real duration", () => {
    const timer = new PollTimer({ initialMs: 1_000, minMs: 10, maxMs: 10_000 });
    const jobMs = 250;
    const first: number[] = [];
    const pollsPerJob: number[] = [];
    for (let job = 0; job < 200; job++) {
      let polls = 1;
      for (let waited = timer.delay(0); waited < jobMs; waited += timer.delay(polls++));
      timer.observe(polls);
      first.push(timer.delay(0));
      pollsPerJob.push(polls);
    }
    const settled = first.slice(100);
    expect(Math.min(...settled)).toBeGreaterThan(jobMs * 0.85);
    expect(Math.max(...settled)).toBeLessThan(jobMs * 1.35);
    // Each poll costs a bucket point: few jobs, once settled, need a second one.
    const second = pollsPerJob.slice(100).filter((polls) => polls > 1).length;
    expect(second / 100).toBeLessThanOrEqual(0.12);
  });
});
