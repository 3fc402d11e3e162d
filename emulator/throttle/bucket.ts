// Shopify's leaky bucket for the Admin GraphQL API: one bucket per (app, shop), of
// `maximumAvailable` points restored at `restoreRate` points per second. A request needs room for
// its requested cost before it runs, and is refunded the difference between requested and actual
// cost afterwards (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits).

export interface BucketConfig {
  /** Bucket size in points. Shopify: 1,000 on the Standard plan (2,000 observed on others). */
  maximumAvailable: number;
  /** Points restored per second. Shopify: 100 Standard, 200 Advanced, 1,000 Plus, 2,000 Enterprise. */
  restoreRate: number;
  /** Largest requested cost a single query may have. Shopify: 1,000. */
  maxQueryCost: number;
}

export const STANDARD_PLAN_BUCKET: BucketConfig = {
  maximumAvailable: 1000,
  restoreRate: 100,
  maxQueryCost: 1000,
};

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

interface Bucket {
  available: number;
  updatedAt: number;
}

export class LeakyBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    public config: BucketConfig,
    private readonly now: () => number,
  ) {}

  private bucket(key: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { available: this.config.maximumAvailable, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.available = Math.min(
      this.config.maximumAvailable,
      bucket.available + elapsed * this.config.restoreRate,
    );
    bucket.updatedAt = now;
    return bucket;
  }

  status(key: string): ThrottleStatus {
    const bucket = this.bucket(key);
    return {
      maximumAvailable: this.config.maximumAvailable,
      // Shopify reports whole points.
      currentlyAvailable: Math.floor(bucket.available),
      restoreRate: this.config.restoreRate,
    };
  }

  /** Takes `cost` points if the bucket holds them; false (and nothing taken) when it does not. */
  take(key: string, cost: number): boolean {
    const bucket = this.bucket(key);
    if (cost > bucket.available) return false;
    bucket.available -= cost;
    return true;
  }

  refund(key: string, points: number): void {
    const bucket = this.bucket(key);
    bucket.available = Math.min(
      this.config.maximumAvailable,
      bucket.available + Math.max(0, points),
    );
  }

  /** Every bucket's state, for inspection. */
  snapshot(): Record<string, ThrottleStatus> {
    return Object.fromEntries([...this.buckets.keys()].map((key) => [key, this.status(key)]));
  }

  reset(): void {
    this.buckets.clear();
  }
}
