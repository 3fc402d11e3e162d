// The client's picture of one shop's Admin API leaky bucket, kept from the cost extension of every
// answer; other workers spend from the same bucket, so each answer pulls it back to Shopify's.

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface CostAnswer {
  throttleStatus: ThrottleStatus;
  requestedQueryCost: number;
  /** null when nothing ran (THROTTLED, or refused before execution). */
  actualQueryCost: number | null;
}

export class BucketModel {
  private level = 0;
  private at = 0;
  private maximum = 0;
  private rate = 0;
  private known = false;
  private readonly reservations = new Map<number, number>();
  private nextTicket = 1;

  constructor(private readonly now: () => number) {}

  /** False until the first answer: until then nobody knows the bucket's size or rate. */
  get isKnown(): boolean {
    return this.known;
  }

  get restoreRate(): number {
    return this.rate;
  }

  get maximumAvailable(): number {
    return this.maximum;
  }

  /** Points the bucket holds now, in this client's estimate. */
  available(): number {
    this.advance();
    return this.level;
  }

  /** How long until `cost` (plus `margin`) is affordable; 0 when it is now. */
  waitMs(cost: number, margin: number): number {
    if (!this.known) return 0;
    const missing = cost + margin - this.available();
    if (missing <= 0) return 0;
    return Math.ceil((missing / this.rate) * 1000);
  }

  /** Takes `cost` points for a request about to be sent; the ticket settles it later. */
  reserve(cost: number): number {
    this.advance();
    if (this.known) this.level -= cost;
    const ticket = this.nextTicket++;
    this.reservations.set(ticket, this.known ? cost : 0);
    return ticket;
  }

  /** The request was not sent after all: its points are back in the bucket. */
  cancel(ticket: number): void {
    this.advance();
    this.level += this.reservations.get(ticket) ?? 0;
    this.reservations.delete(ticket);
  }

  /** The request got no answer: keep its points taken, as Shopify may have charged them. */
  abandon(ticket: number): void {
    this.reservations.delete(ticket);
  }

  /** Brings the picture in line with an answer's cost extension. */
  settle(ticket: number, cost: CostAnswer): void {
    const reserved = this.reservations.get(ticket) ?? 0;
    this.reservations.delete(ticket);
    this.advance();
    const status = cost.throttleStatus;
    this.maximum = status.maximumAvailable;
    this.rate = status.restoreRate;
    if (!this.known) {
      this.known = true;
      this.level = status.currentlyAvailable;
      return;
    }
    // What we took for this request versus what Shopify kept: refunds and THROTTLED (no charge).
    this.level += reserved - (cost.actualQueryCost ?? 0);
    // Shopify reports whole points, so its bucket holds between `reported` and `reported + 1`.
    // It is an upper bound even while other requests are in flight (they can only take more);
    // it is a lower bound only when none is, since it may not include their charges yet.
    const reported = status.currentlyAvailable;
    this.level = Math.min(this.level, reported + 0.999);
    if (this.reservations.size === 0) this.level = Math.max(this.level, reported);
    this.level = Math.min(this.level, this.maximum);
  }

  private advance(): void {
    const now = this.now();
    if (this.known && now > this.at) {
      this.level = Math.min(this.maximum, this.level + ((now - this.at) / 1000) * this.rate);
    }
    this.at = now;
  }
}
