import { nowIso, type EmulatorState } from "./context";
import { addRedeemCode, deleteRedeemCode } from "./codes";
import { codesOfDiscount } from "./discounts";
import { nextGid } from "./ids";
import type { BulkCreation, Gid, Job, ShopRecord } from "./types";

// Shopify runs discountRedeemCodeBulkAdd and discountCodeRedeemCodeBulkDelete as background
// jobs: the mutation answers at once with done: false and the caller polls
// (https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountRedeemCodeBulkAdd).
// Here a job runs the first time anything reads the shop at or after its runAt, which keeps the
// emulator deterministic under an injected clock (no timers).

/** Queues the creation of `codes` on a discount; nothing is checked or created until it runs. */
export function startBulkCreation(
  state: EmulatorState,
  shop: ShopRecord,
  discountId: Gid,
  codes: string[],
  createdByApiKey: string | null,
): BulkCreation {
  const bulk: BulkCreation = {
    id: nextGid(state.ids, "DiscountRedeemCodeBulkCreation"),
    discountId,
    createdAt: nowIso(state),
    runAt: state.now() + state.options.bulkCreationDelayMs,
    done: false,
    codes: codes.map((code) => ({ code, redeemCodeId: null, errors: [] })),
    importedCount: 0,
    failedCount: 0,
    createdByApiKey,
  };
  shop.bulkCreations.set(bulk.id, bulk);
  return bulk;
}

function runBulkCreation(state: EmulatorState, shop: ShopRecord, bulk: BulkCreation): void {
  const discountExists = shop.discounts.has(bulk.discountId);
  const seen = new Set<string>();
  for (const entry of bulk.codes) {
    const lower = entry.code.toLowerCase();
    if (!discountExists) {
      entry.errors = [
        { field: ["discountId"], message: "Code discount does not exist.", code: null },
      ];
    } else if (seen.has(lower)) {
      // Captured answer for a code repeated within one call.
      entry.errors = [
        {
          field: ["code"],
          message: "Codes must be unique within BulkDiscountCodeCreation",
          code: null,
        },
      ];
    } else {
      seen.add(lower);
      const result = addRedeemCode(state, shop, bulk.discountId, entry.code, bulk.createdByApiKey);
      if ("error" in result) entry.errors = [result.error];
      else entry.redeemCodeId = result.redeemCode.id;
    }
    if (entry.redeemCodeId) bulk.importedCount += 1;
    else bulk.failedCount += 1;
  }
  bulk.done = true;
}

/** Queues deleting codes of a discount (all of them when `codeIds` is null). */
export function startRedeemCodeBulkDelete(
  state: EmulatorState,
  shop: ShopRecord,
  discountId: Gid,
  codeIds: Gid[] | null,
): Job {
  const job: Job = {
    id: nextGid(state.ids, "Job"),
    runAt: state.now() + state.options.jobDelayMs,
    done: false,
    redeemCodeBulkDelete: { discountId, codeIds },
  };
  shop.jobs.set(job.id, job);
  return job;
}

function runRedeemCodeBulkDelete(
  shop: ShopRecord,
  { discountId, codeIds }: Job["redeemCodeBulkDelete"],
): void {
  const targets = codeIds ?? codesOfDiscount(shop, discountId).map((c) => c.id);
  for (const id of targets) {
    if (shop.redeemCodes.get(id)?.discountId === discountId) deleteRedeemCode(shop, id);
  }
}

/** Runs every job of the shop that is due, oldest first. */
export function settleJobs(state: EmulatorState, shop: ShopRecord): void {
  const now = state.now();
  for (const bulk of shop.bulkCreations.values()) {
    if (!bulk.done && bulk.runAt <= now) runBulkCreation(state, shop, bulk);
  }
  for (const job of shop.jobs.values()) {
    if (!job.done && job.runAt <= now) {
      runRedeemCodeBulkDelete(shop, job.redeemCodeBulkDelete);
      job.done = true;
    }
  }
}

export function getBulkCreation(
  state: EmulatorState,
  shop: ShopRecord,
  id: Gid,
): BulkCreation | undefined {
  settleJobs(state, shop);
  return shop.bulkCreations.get(id);
}

export function getJob(state: EmulatorState, shop: ShopRecord, id: Gid): Job | undefined {
  settleJobs(state, shop);
  return shop.jobs.get(id);
}
