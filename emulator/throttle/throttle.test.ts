import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../clock";
import { startTestClient, type TestClient } from "../test-client";

// Bucket of 100 points restored at 10 points/s, on a clock the test moves.
const clock = manualClock();
let client: TestClient;
beforeAll(async () => {
  client = await startTestClient({ clock, bucket: { maximumAvailable: 100 }, restoreRate: 10 });
});
afterAll(() => client.close());

// Requested 22 (2 + 20 products), actual 14 (2 + the 12 demo products).
const QUERY = "{ products(first: 20) { nodes { id } } }";

describe("leaky bucket", () => {
  it("charges requested cost, refunds the unused part, and throttles when the bucket is short", async () => {
    const first = await client.gql(QUERY);
    expect(first.body.extensions.cost).toEqual({
      requestedQueryCost: 22,
      actualQueryCost: 14,
      throttleStatus: { maximumAvailable: 100, currentlyAvailable: 86, restoreRate: 10 },
    });
    const available = [86];
    for (;;) {
      const { status, body } = await client.gql(QUERY);
      expect(status).toBe(200);
      if (body.errors) {
        expect(body).toEqual({
          errors: [
            {
              message: "Throttled",
              extensions: {
                code: "THROTTLED",
                documentation: "https://shopify.dev/api/usage/rate-limits",
              },
            },
          ],
          extensions: {
            cost: {
              requestedQueryCost: 22,
              actualQueryCost: null,
              throttleStatus: { maximumAvailable: 100, currentlyAvailable: 16, restoreRate: 10 },
            },
          },
        });
        break;
      }
      available.push(body.extensions.cost.throttleStatus.currentlyAvailable);
    }
    // 86 → 72 → 58 → 44 → 30 → 16: the sixth request needs 22 and finds 16.
    expect(available).toEqual([86, 72, 58, 44, 30, 16]);
    clock.advance(500); // +5 points: 21, still short of 22
    expect((await client.gql(QUERY)).body.errors[0].extensions.code).toBe("THROTTLED");
    clock.advance(100); // +1 point: 22
    const again = await client.gql(QUERY);
    expect(again.body.errors).toBeUndefined();
    expect(again.body.extensions.cost.throttleStatus.currentlyAvailable).toBe(8);
    clock.advance(60_000);
    expect((await client.gql(QUERY)).body.extensions.cost.throttleStatus.currentlyAvailable).toBe(
      86,
    );
  });

  it("keeps one bucket per app and shop, and refuses a query over the single-query limit", async () => {
    const { body } = await client.gql(
      "{ products(first: 250) { nodes { id collections(first: 250) { nodes { id } } } } }",
    );
    expect(body.errors[0].extensions).toMatchObject({ code: "MAX_COST_EXCEEDED", maxCost: 1000 });
    expect(body.errors[0].message).toMatch(
      /^Query cost is \d+, which exceeds the single query max cost limit \(1000\)\./,
    );
    const status = await fetch(`${client.emulator.url}/__emulator/throttle`);
    const { buckets } = (await status.json()) as { buckets: Record<string, unknown> };
    expect(Object.keys(buckets)).toEqual(["onecode-demo-api-key|onecode-demo.myshopify.com"]);
  });
});
