import { describe, expect, it } from "vitest";
import { BucketModel } from "./bucket-model";

function model() {
  let now = 0;
  const bucket = new BucketModel(() => now);
  return { bucket, advance: (ms: number) => (now += ms) };
}

const status = (currentlyAvailable: number) => ({
  maximumAvailable: 100,
  currentlyAvailable,
  restoreRate: 10,
});

describe("the client's model of a shop's leaky bucket", () => {
  it("knows nothing until an answer, then starts from Shopify's figures", () => {
    const { bucket } = model();
    expect(bucket.waitMs(1_000, 1)).toBe(0);
    const ticket = bucket.reserve(10);
    bucket.settle(ticket, {
      throttleStatus: status(90),
      requestedQueryCost: 10,
      actualQueryCost: 10,
    });
    expect(bucket.available()).toBe(90);
  });

  it("restores at the reported rate up to the maximum, and says how long a cost must wait", () => {
    const { bucket, advance } = model();
    bucket.settle(bucket.reserve(0), {
      throttleStatus: status(5),
      requestedQueryCost: 1,
      actualQueryCost: 1,
    });
    expect(bucket.waitMs(10, 1)).toBe(600);
    advance(600);
    expect(bucket.waitMs(10, 1)).toBe(0);
    advance(60_000);
    expect(bucket.available()).toBe(100);
  });

  it("takes Shopify's whole-point figure as a bound, not as the exact level", () => {
    const { bucket, advance } = model();
    bucket.settle(bucket.reserve(0), {
      throttleStatus: status(50),
      requestedQueryCost: 1,
      actualQueryCost: 1,
    });
    advance(50); // 50.5 by our clock; Shopify floors its figure to 50
    bucket.settle(bucket.reserve(0), {
      throttleStatus: status(50),
      requestedQueryCost: 0,
      actualQueryCost: 0,
    });
    expect(bucket.available()).toBeCloseTo(50.5);
    // Someone else spent 20: the next answer pulls the model down to Shopify's figure.
    bucket.settle(bucket.reserve(0), {
      throttleStatus: status(30),
      requestedQueryCost: 0,
      actualQueryCost: 0,
    });
    expect(bucket.available()).toBeCloseTo(30.999);
  });

  it("refunds the difference between the reserved and the actual cost, all of it when throttled", () => {
    const { bucket } = model();
    bucket.settle(bucket.reserve(0), {
      throttleStatus: status(60),
      requestedQueryCost: 1,
      actualQueryCost: 1,
    });
    const first = bucket.reserve(30);
    const second = bucket.reserve(20);
    expect(bucket.available()).toBe(10);
    // While `second` is in flight, Shopify's 55 may not include it yet: only an upper bound.
    bucket.settle(first, {
      throttleStatus: status(55),
      requestedQueryCost: 30,
      actualQueryCost: 5,
    });
    expect(bucket.available()).toBe(35);
    // THROTTLED: nothing was charged, and with nothing else in flight Shopify's figure is exact.
    bucket.settle(second, {
      throttleStatus: status(55),
      requestedQueryCost: 20,
      actualQueryCost: null,
    });
    expect(bucket.available()).toBe(55);
  });

  it("gives back the points of a request that was not sent, and keeps those of one unanswered", () => {
    const { bucket } = model();
    bucket.settle(bucket.reserve(0), {
      throttleStatus: status(40),
      requestedQueryCost: 1,
      actualQueryCost: 1,
    });
    bucket.cancel(bucket.reserve(10));
    expect(bucket.available()).toBe(40);
    bucket.abandon(bucket.reserve(10));
    expect(bucket.available()).toBe(30);
  });
});
