// A clock for tests that moves only when everything is waiting on it: `run` settles pending work,
// then jumps to the earliest sleep and wakes it, until the work under test finishes. Time-based
// behaviour (pacing, backoff) is then asserted exactly, with no real waiting.
import type { Clock } from "../../app/push/clock";

interface Timer {
  at: number;
  seq: number;
  wake: () => void;
}

// Rounds of the event loop that let in-memory promise chains (fetch bodies, GraphQL execution)
// finish before time moves.
const SETTLE_ROUNDS = 50;

export class VirtualClock implements Clock {
  private time: number;
  private seq = 0;
  private timers: Timer[] = [];
  /** Every sleep asked for, in order. */
  readonly sleeps: number[] = [];

  constructor(start = Date.parse("2026-06-01T12:00:00.000Z")) {
    this.time = start;
  }

  now = (): number => this.time;

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = { at: this.time + Math.max(0, ms), seq: this.seq++, wake: resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        "abort",
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      for (let i = 0; i < SETTLE_ROUNDS && !settled; i++) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (settled) return work;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error("VirtualClock: the work is stuck with no sleep to wake");
      this.time = Math.max(this.time, next.at);
      next.wake();
    }
  }
}
