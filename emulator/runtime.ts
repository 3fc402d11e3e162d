import type { ManualClock } from "./clock";
import type { Faults } from "./faults/faults";
import type { EmulatorState } from "./store/context";
import type { LeakyBuckets } from "./throttle/bucket";

export interface InspectSection {
  read: () => unknown;
  reset?: () => void;
}

/** Everything a running emulator holds besides the router: store, throttle, faults, clock. */
export interface EmulatorRuntime {
  state: EmulatorState;
  buckets: LeakyBuckets;
  faults: Faults;
  /** Set when the emulator runs on a hand-moved clock (tests, or `clock: "manual"`). */
  clock: ManualClock | null;
  /** Inspection sections registered by the parts (GET /__emulator/<name>). */
  sections: Map<string, InspectSection>;
}
