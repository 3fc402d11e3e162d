/** A clock tests move by hand, so throttling and async jobs are deterministic. */
export interface ManualClock {
  now: () => number;
  advance: (ms: number) => number;
  set: (ms: number) => number;
}

export function manualClock(startMs = Date.parse("2026-06-01T12:00:00.000Z")): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => (current += ms),
    set: (ms) => (current = ms),
  };
}
