import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveState, factsOfState, netRevenue, type RedemptionState } from "./redemption-state";

// One order's events as attribution folds them: each brings facts, the stored state is all that
// is kept of paid/cancelled between events, refunds are a set keyed by refund id.
type Event = { paid?: boolean; cancelled?: boolean; refund?: [string, bigint] };

function fold(events: Event[], total: bigint): { state: RedemptionState; refunded: bigint } {
  let state: RedemptionState | null = null;
  const refunds = new Map<string, bigint>();
  for (const event of events) {
    if (event.refund) refunds.set(...event.refund);
    const before = state ? factsOfState(state) : { paid: false, cancelled: false };
    const refunded = [...refunds.values()].reduce((a, b) => a + b, 0n);
    state = deriveState({
      paid: before.paid || Boolean(event.paid),
      cancelled: before.cancelled || Boolean(event.cancelled),
      refunded,
      total,
    });
  }
  return { state: state!, refunded: [...refunds.values()].reduce((a, b) => a + b, 0n) };
}

const event = fc.record(
  {
    paid: fc.boolean(),
    cancelled: fc.boolean(),
    refund: fc.tuple(fc.constantFrom("r1", "r2", "r3"), fc.constantFrom(10n, 50n, 100n)),
  },
  { requiredKeys: [] },
);

describe("a redemption's state", () => {
  it("is the same whatever order, and however often, the events arrive", () => {
    // The same refund id always carries the same amount, as Shopify's refunds do.
    const withAmounts = fc
      .array(event, { minLength: 1, maxLength: 8 })
      .map((events) =>
        events.map((e): Event =>
          e.refund
            ? { ...e, refund: [e.refund[0], 30n * BigInt(e.refund[0].charCodeAt(1) - 48)] }
            : e,
        ),
      );
    const deliveries = withAmounts.chain((events) =>
      fc.tuple(
        fc.constant(events),
        // Every event at least once, some twice (Shopify's repeats), in any order.
        fc.shuffledSubarray([...events, ...events], { minLength: events.length * 2 }),
        fc.shuffledSubarray(events, { minLength: events.length }),
      ),
    );
    fc.assert(
      fc.property(deliveries, ([events, repeated, reordered]) => {
        expect(fold(reordered, 100n)).toEqual(fold(events, 100n));
        expect(fold(repeated, 100n)).toEqual(fold(events, 100n));
      }),
    );
  });

  it("follows the facts: cancel wins, then refunds, then payment", () => {
    expect(deriveState({ paid: false, cancelled: false, refunded: 0n, total: 10n })).toBe(
      "created",
    );
    expect(deriveState({ paid: true, cancelled: false, refunded: 0n, total: 10n })).toBe("paid");
    expect(deriveState({ paid: true, cancelled: false, refunded: 4n, total: 10n })).toBe(
      "partially_refunded",
    );
    expect(deriveState({ paid: false, cancelled: false, refunded: 10n, total: 10n })).toBe(
      "refunded",
    );
    expect(deriveState({ paid: true, cancelled: true, refunded: 10n, total: 10n })).toBe(
      "cancelled",
    );
  });

  it("nets revenue: nothing once cancelled, the total less refunds otherwise", () => {
    expect(netRevenue("cancelled", 100n, 0n)).toBe(0n);
    expect(netRevenue("partially_refunded", 100n, 30n)).toBe(70n);
    expect(netRevenue("refunded", 100n, 120n)).toBe(0n);
  });
});
