// When to poll an asynchronous Shopify job (a bulk code creation or deletion). Each poll costs a
// bucket point and Shopify gives no completion time, so the first wait adapts per shop: it
// shrinks a little while jobs are found done at the first poll and grows when they are not. A
// job not done yet is polled again soon, then less and less often.

export interface PollTimerOptions {
  initialMs: number;
  minMs: number;
  maxMs: number;
}

export class PollTimer {
  private estimate: number;

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
    const factor = pollsNeeded <= 1 ? 0.95 : 1.1;
    this.estimate = Math.min(
      this.options.maxMs,
      Math.max(this.options.minMs, this.estimate * factor),
    );
  }
}
