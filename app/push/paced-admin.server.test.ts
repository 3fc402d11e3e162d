// The paced client against the emulator's real Admin endpoint (cost, leaky bucket, schema) through
// the Shopify library's real client, on a virtual clock: pacing and backoff are checked exactly.
import { describe, expect, it } from "vitest";
import { inProcessAdmin } from "../../test/push/in-process-admin";
import { VirtualClock } from "../../test/push/virtual-clock";
import { ShopifyAdminError } from "./admin-errors";
import { PacedAdmin, type AdminDocument } from "./paced-admin.server";

// Requested cost 2 + 25 = 27 (a connection of 25); actual 2 + the demo shop's 12 products = 14.
const PRODUCTS: AdminDocument = {
  name: "Products",
  cost: 27,
  query: "query Products { products(first: 25) { nodes { id } } }",
};
const SHOP_NAME: AdminDocument = {
  name: "ShopName",
  cost: 1,
  query: "query ShopName { shop { name } }",
};

function setup(bucket = { maximumAvailable: 100, restoreRate: 10 }, random = () => 0.5) {
  const clock = new VirtualClock();
  const shopify = inProcessAdmin(clock, bucket);
  const admin = new PacedAdmin({
    shop: "onecode-demo.myshopify.com",
    graphql: async () => shopify.graphql,
    clock,
    random,
    transientAttempts: 4,
    backoff: { baseMs: 500, capMs: 8_000 },
  });
  return { clock, shopify, admin };
}

describe("the paced Admin client", () => {
  it("sends 40 concurrent requests without one THROTTLED answer, at the bucket's restore rate", async () => {
    const { clock, shopify, admin } = setup();
    const started = clock.now();
    const answers = await clock.run(
      Promise.all(
        Array.from({ length: 40 }, () =>
          admin.request<{ products: { nodes: unknown[] } }>(PRODUCTS),
        ),
      ),
    );
    expect(answers.every((a) => a.products.nodes.length === 12)).toBe(true);
    expect(shopify.throttledAnswers).toBe(0);
    expect(admin.stats).toMatchObject({ calls: 40, throttled: 0, pointsSpent: 40 * 14 });
    // The full bucket pays for the first 100 points; the rest arrive at 10 a second. Sending
    // needs the next request's requested cost (27) in the bucket, so the fastest possible run
    // ends when 560 - 100 + (27 - 14) points have been restored: 47.3 s.
    const seconds = (clock.now() - started) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(47.3);
    expect(seconds).toBeLessThan(47.3 * 1.05);
  });

  it("waits out a bucket someone else drained, then succeeds", async () => {
    const { clock, shopify, admin } = setup();
    expect(shopify.buckets.take(shopify.bucketKey, 100)).toBe(true);
    const started = clock.now();
    const answer = await clock.run(admin.request<{ shop: { name: string } }>(SHOP_NAME));
    expect(answer.shop.name).toBeTruthy();
    expect(shopify.throttledAnswers).toBe(1);
    expect(admin.stats.throttled).toBe(1);
    // The THROTTLED answer told the client the bucket was empty: it waited for 1 point + margin.
    expect(clock.now() - started).toBeGreaterThanOrEqual(100);
  });

  it("learns an operation's cost from Shopify's answer instead of trusting a low first guess", async () => {
    const { clock, shopify, admin } = setup();
    const underestimated = { ...PRODUCTS, cost: 1 };
    await clock.run(Promise.all(Array.from({ length: 12 }, () => admin.request(underestimated))));
    // Sized by the guess (1 point), the later requests would have overdrawn the bucket.
    expect(shopify.throttledAnswers).toBe(0);
    expect(admin.stats.calls).toBe(12);
  });

  it("serves requests that finish work already sent before new work waiting for the bucket", async () => {
    const { clock, shopify, admin } = setup({ maximumAvailable: 30, restoreRate: 10 });
    const eight = "{ products(first: 8) { nodes { id } } }"; // requested 10, actual 10
    const normal = { name: "Normal", cost: 10, query: `query Normal ${eight}` };
    const urgent = { name: "Urgent", cost: 10, query: `query Urgent ${eight}` };
    const work = Promise.all([
      ...Array.from({ length: 5 }, () => admin.request(normal)),
      admin.request(urgent, {}, { priority: "high" }),
    ]);
    await clock.run(work);
    // The first request goes alone to learn the bucket; the urgent one goes next.
    expect(shopify.received).toEqual(["Normal", "Urgent", "Normal", "Normal", "Normal", "Normal"]);
    expect(shopify.throttledAnswers).toBe(0);
  });

  it("retries 5xx answers and dropped connections with full-jitter exponential backoff", async () => {
    const { clock, shopify, admin } = setup();
    shopify.faults.push("503", "drop", "502");
    const answer = await clock.run(admin.request<{ shop: { name: string } }>(SHOP_NAME));
    expect(answer.shop.name).toBeTruthy();
    expect(admin.stats.transientFailures).toBe(3);
    // random() = 0.5 of windows 500, 1000, 2000 ms.
    expect(clock.sleeps).toEqual([250, 500, 1000]);
  });

  it("gives up after a bounded number of tries, in words a merchant understands", async () => {
    const { clock, shopify, admin } = setup();
    shopify.faults.push("503", "503", "503", "503", "503");
    const failure = await clock.run(admin.request(SHOP_NAME)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ShopifyAdminError);
    expect(failure).toMatchObject({ kind: "unavailable", retryable: true });
    expect((failure as Error).message).toBe(
      "Shopify did not respond properly after 4 tries (HTTP 503). OneCode will keep trying; nothing is lost meanwhile.",
    );
    expect(shopify.requests).toBe(4);
  });

  it("sends a request that must not be repeated blindly only once", async () => {
    const { clock, shopify, admin } = setup();
    shopify.faults.push("503");
    const failure = await clock
      .run(admin.request(SHOP_NAME, {}, { retryTransient: false }))
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: "unavailable" });
    expect(shopify.requests).toBe(1);
  });

  it("does not retry a request Shopify refuses, and says why", async () => {
    const { clock, shopify, admin } = setup();
    const broken = { name: "Broken", cost: 1, query: "query Broken { shop { nope } }" };
    const failure = await clock.run(admin.request(broken)).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: "rejected", retryable: false });
    expect((failure as Error).message).toBe(
      "Shopify refused OneCode's request (Broken): Field 'nope' doesn't exist on type 'Shop'.",
    );
    expect(shopify.requests).toBe(1);
  });

  it("reports a refused access token as lost access", async () => {
    const { clock, shopify, admin } = setup();
    shopify.faults.push("bad-token");
    const failure = await clock.run(admin.request(SHOP_NAME)).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: "access" });
    expect((failure as Error).message).toMatch(
      /^OneCode no longer has access to onecode-demo.myshopify.com\. Open OneCode/,
    );
  });
});
