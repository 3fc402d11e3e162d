// A redemption's state derived from facts that only grow (paid, cancelled, refunds), so unordered
// and repeated deliveries converge on one answer.

export type RedemptionState = "created" | "paid" | "cancelled" | "refunded" | "partially_refunded";

export interface OrderProgress {
  paid: boolean;
  cancelled: boolean;
  /** Refunded so far, order-wide, in money.ts units. */
  refunded: bigint;
  /** Order total, order-wide, in money.ts units. */
  total: bigint;
}

/** The facts a stored state implies. A cancelled row hides whether it was paid: cancel wins anyway. */
export function factsOfState(state: RedemptionState): { paid: boolean; cancelled: boolean } {
  return {
    paid: state === "paid" || state === "refunded" || state === "partially_refunded",
    cancelled: state === "cancelled",
  };
}

export function deriveState(progress: OrderProgress): RedemptionState {
  if (progress.cancelled) return "cancelled";
  if (progress.refunded > 0n) {
    return progress.refunded >= progress.total ? "refunded" : "partially_refunded";
  }
  return progress.paid ? "paid" : "created";
}

/**
 * What the order brought in: nothing once cancelled (Shopify's cancel voids or refunds it),
 * otherwise its total less refunds. An order not yet paid counts at its total: attribution
 * reports what the code sold, and a later cancel takes it back out.
 */
export function netRevenue(state: RedemptionState, total: bigint, refunded: bigint): bigint {
  if (state === "cancelled") return 0n;
  const net = total - refunded;
  return net > 0n ? net : 0n;
}
