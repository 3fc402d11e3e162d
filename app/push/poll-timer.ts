// When to poll an asynchronous Shopify job (a bulk code creation or deletion). Each poll costs a
// bucket point and Shopify gives no completion time, so the first wait adapts per shop: it
// shrinks a little while jobs are found done at the first poll and grows when they are not. A
// job not done yet is polled again soon, then less and less often.
//
// The steps are uneven on purpose: a second poll costs a point (about a tenth of a bulk add's 10),
// while waiting a little longer costs nothing once enough chunks are in flight to keep the bucket
// busy. Shrinking by 1% and growing by 10% settles where about one job in ten needs a second
// poll (shrinking by 5%, about one in three did: 1.32 polls per bulk add in bench/push.ts). Until
// the first job needs a second poll the wait is only known to be too long, so it shrinks by 5%.

const SHRINK_UNTIL_SETTLED = 0.95;
const SHRINK = 0.99;
const GROW = 1.1;

export interface PollTimerOptions {
  initialMs: number;
  minMs: number;
  maxMs: number;
}

export class PollTimer {
  private estimate: number;
  /** A job has needed a second poll: the estimate has come down to the jobs' duration. */
  private settled = false;

  constructor(private readonly options: PollTimerOptions) {
    this.estimate = options.initialMs;
  }

  /** Wait before poll number `poll` (0 = the first) of a job just submitted. */
  delay(poll: number): number {
    const wait = poll === 0 ? this.estimate : this.estimate * 0.25 * 1.5 ** (poll - 1);
    return Math.round(Math.min(this.options.maxMs, Math.max(this.options.minMs, wait)));
  }

  /** Tells the timer how many polls a finished job needed. */
  observe(pollsNeeded: number): void {
    if (pollsNeeded > 1) this.settled = true;
    const factor = pollsNeeded > 1 ? GROW : this.settled ? SHRINK : SHRINK_UNTIL_SETTLED;
    this.estimate = Math.min(
      this.options.maxMs,
      Math.max(this.options.minMs, this.estimate * factor),
    );
  }
}
