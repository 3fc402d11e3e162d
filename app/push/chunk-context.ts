// What processing one leased chunk needs, and what it reports back to the worker.
import type { Clock } from "./clock";
import type { PacedAdmin } from "./paced-admin.server";
import type { PollTimer } from "./poll-timer";

export interface ChunkContext {
  /** This worker's lease owner id. */
  owner: string;
  /** The chunk's shop's paced Admin client. */
  admin: PacedAdmin;
  /** The shop's poll timer for asynchronous jobs. */
  polls: PollTimer;
  clock: Clock;
  /** Aborted when the worker stops or loses the lease. */
  signal: AbortSignal;
}

export type ChunkOutcome =
  /** The chunk reached done or failed; its lease is already cleared. */
  | { kind: "finished" }
  /** Give the chunk back, to be claimed again after `retryInMs` (0: at once). */
  | { kind: "released"; retryInMs: number; lastError?: string | null };

export const FINISHED: ChunkOutcome = { kind: "finished" };

export function released(retryInMs = 0, lastError?: string | null): ChunkOutcome {
  return { kind: "released", retryInMs, lastError };
}

/** A held chunk's identity for lease-checked writes. */
export interface HeldChunk {
  id: string;
  owner: string;
  state: "pending" | "submitted";
}
