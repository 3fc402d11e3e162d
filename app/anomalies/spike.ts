// "Far above its own recent rate": an allocation's redemptions in the last hour against its
// average hourly rate over the week before (or over its life, if younger). A partner's normal
// pace is the baseline, so a big partner is not flagged for being big, only for jumping.

export const SPIKE_WINDOW_MS = 3_600_000;
export const BASELINE_MS = 7 * 24 * SPIKE_WINDOW_MS;
/** Below this many redemptions in an hour nothing is a spike: small numbers jump by chance. */
export const SPIKE_MIN_COUNT = 10;

export interface SpikeInput {
  /** Redemptions in the last hour. */
  recent: number;
  /** Redemptions in the baseline period before that hour. */
  baseline: number;
  /** Length of the baseline period actually covered (the allocation may be younger), in ms. */
  baselineMs: number;
  /** ShopSettings.spikeFactor. */
  factor: number;
}

export function isSpike(input: SpikeInput): { spike: boolean; hourlyBaseline: number } {
  const hours = input.baselineMs / SPIKE_WINDOW_MS;
  // An allocation with under an hour of history has no rate of its own yet.
  if (hours < 1) return { spike: false, hourlyBaseline: 0 };
  const hourlyBaseline = input.baseline / hours;
  // A quiet allocation (under one an hour) is measured against one an hour.
  const spike =
    input.recent >= SPIKE_MIN_COUNT && input.recent > input.factor * Math.max(hourlyBaseline, 1);
  return { spike, hourlyBaseline };
}
