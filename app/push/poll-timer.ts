// When to poll an asynchronous Shopify job: the first wait adapts per shop (-1% when the first poll
// finds the job done, +10% when not), later polls back off. Tuning: app/push/README.md.

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
