// Work an order webhook starts after its answer (Admin API writes, spike checks); none of it is
// the only record of anything, so a lost write is found again by the retry sweep.
import { checkSpike } from "../anomalies/anomalies.server";
import type { NewRedemption } from "./attribute.server";
import { writeMarker } from "./customer-marker.server";
import type { AdminGraphqlFor } from "./admin-graphql.server";
import { libraryAdminGraphql } from "./admin-graphql.server";
import { partnerEventsMayHaveChanged } from "../partner-api/partner-events.server";
import { fail } from "../result";

// Per allocation at most one spike check running and one waiting, so a burst shares the counts.
const spikeChecks = new Map<string, { again: boolean }>();
const SPIKE_CHECK_PAUSE_MS = 500;
const running = new Set<Promise<unknown>>();
let adminGraphql: AdminGraphqlFor = libraryAdminGraphql;

/** Tests and other transports point the marker writes at their own Admin client. */
export function useAdminGraphql(graphql: AdminGraphqlFor): void {
  adminGraphql = graphql;
}

export function afterRedemptions(shop: string, created: NewRedemption[]): void {
  // Partners' webhooks (redeemed, cancelled) are queued from what this order event committed.
  partnerEventsMayHaveChanged(shop);
  const markers = new Map<string, { customerId: string; campaignId: string }>();
  for (const r of created) {
    if (r.customerId && r.oncePerCustomer) {
      markers.set(`${r.customerId}:${r.campaignId}`, {
        customerId: r.customerId,
        campaignId: r.campaignId,
      });
    }
  }
  for (const marker of markers.values()) {
    track(
      writeMarker({ shop, ...marker }, adminGraphql)
        .catch((error: unknown) => fail("admin_api_error", String(error)))
        .then((result) => {
          if (!result.ok) {
            console.warn(
              `OneCode: customer marker for ${shop} not written yet (will retry): ${result.message}`,
            );
          }
        }),
    );
  }
  for (const allocationId of new Set(
    created.flatMap((r) => (r.allocationId ? [r.allocationId] : [])),
  )) {
    const running = spikeChecks.get(allocationId);
    if (running) running.again = true;
    else track(checkSpikes(shop, allocationId));
  }
}

async function checkSpikes(shop: string, allocationId: string): Promise<void> {
  const state = { again: true };
  spikeChecks.set(allocationId, state);
  try {
    while (state.again) {
      state.again = false;
      await checkSpike(shop, allocationId);
      // Redemptions arriving meanwhile set `again` and share the next check.
      await new Promise((resolve) => setTimeout(resolve, SPIKE_CHECK_PAUSE_MS).unref());
    }
  } finally {
    spikeChecks.delete(allocationId);
  }
}

/** Resolves when all work started so far has finished (tests, graceful shutdown). */
export async function settled(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

function track(work: Promise<unknown>): void {
  const guarded = work.catch((error: unknown) => {
    console.error("OneCode: background work after a webhook failed:", error);
  });
  running.add(guarded);
  void guarded.finally(() => running.delete(guarded));
}
