// What the merchant (through the admin) can do with a campaign's push: start it, pause and resume
// it, cancel it, and remove the campaign's unused codes from Shopify. Each is a short database
// change; the workers act on it. Every call is scoped by shop.
import db from "../db.server";
import { fail, ok, type Result } from "../result";
import { discountChunkId } from "./chunk-store.server";
import { queueForRemoval } from "./queue-for-removal.server";

export type ControlCode = "not_found" | "push_cancelled" | "nothing_to_push";
export type ControlResult = Result<object, ControlCode>;
/** Pausing, resuming and cancelling fail only for a campaign not in this store. */
export type FoundResult = Result<object, "not_found">;

const NOT_FOUND = fail("not_found", "This campaign does not exist in this store.");

/** Starts (or restarts after minting more codes) pushing a campaign's pending codes. */
export async function startPush(shop: string, campaignId: string): Promise<ControlResult> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, shop },
    select: { status: true },
  });
  if (!campaign) return NOT_FOUND;
  if (campaign.status === "cancelled") {
    return fail("push_cancelled", "This campaign's push was cancelled; it cannot be restarted.");
  }
  const pending = await db.code.count({
    where: { campaignId, status: { in: ["available", "distributed"] }, pushState: "pending" },
  });
  if (pending === 0)
    return fail("nothing_to_push", "This campaign has no codes waiting to be pushed.");
  await db.$transaction([
    db.campaign.update({
      where: { id: campaignId },
      data: { status: "pushing", pushPaused: false },
    }),
    // A discount chunk Shopify refused earlier (rules, dates) is tried again from scratch.
    db.pushChunk.updateMany({
      where: { id: discountChunkId(campaignId), state: "failed" },
      data: { state: "pending", lastError: null, leaseOwner: null, leaseExpiresAt: null },
    }),
  ]);
  return ok();
}

/** Stops sending new codes; codes already sent are still followed until Shopify has them. */
export async function pausePush(shop: string, campaignId: string): Promise<FoundResult> {
  return setPaused(shop, campaignId, true);
}

export async function resumePush(shop: string, campaignId: string): Promise<FoundResult> {
  return setPaused(shop, campaignId, false);
}

async function setPaused(shop: string, campaignId: string, paused: boolean): Promise<FoundResult> {
  const { count } = await db.campaign.updateMany({
    where: { id: campaignId, shop },
    data: { pushPaused: paused },
  });
  return count === 1 ? ok() : NOT_FOUND;
}

/**
 * Cancels the campaign's push: codes never sent to Shopify are removed from the campaign at once.
 * A chunk that may already have been sent (attempts > 0) is carried through instead, so the
 * database ends up agreeing with Shopify; codes already live stay live (see requestCodeRemoval).
 */
export async function cancelPush(shop: string, campaignId: string): Promise<FoundResult> {
  const { count } = await db.campaign.updateMany({
    where: { id: campaignId, shop, status: { in: ["minting", "pushing"] } },
    data: { status: "cancelled" },
  });
  if (count === 0) {
    const exists = await db.campaign.count({ where: { id: campaignId, shop } });
    if (!exists) return NOT_FOUND;
  }
  await dropUnsentCodes(campaignId);
  return ok();
}

async function dropUnsentCodes(campaignId: string): Promise<void> {
  await db.code.updateMany({
    where: { campaignId, pushState: "pending" },
    data: { pushState: "removed" },
  });
  const unsent = await db.pushChunk.findMany({
    where: { campaignId, kind: "add", state: "pending", attempts: 0 },
    select: { id: true },
  });
  for (const { id } of unsent) {
    // Each chunk on its own: a worker that already counted an attempt keeps it (it may be sent).
    await db.$transaction(async (tx) => {
      const { count } = await tx.pushChunk.updateMany({
        where: { id, state: "pending", attempts: 0 },
        data: {
          state: "failed",
          lastError: "The push was cancelled before these codes were sent.",
          leaseOwner: null,
          leaseExpiresAt: null,
        },
      });
      if (count === 1) {
        await tx.code.updateMany({
          where: { pushChunkId: id, pushState: "queued" },
          data: { pushState: "removed" },
        });
      }
    });
  }
}

export type RemovalResult = Result<{ queued: number }, "not_found">;

/**
 * Removes the campaign's codes that were never redeemed from Shopify (and stops its push if it is
 * still running). Codes of chunks still on their way into Shopify at this moment land live; asking
 * again removes them too.
 */
export async function requestCodeRemoval(shop: string, campaignId: string): Promise<RemovalResult> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, shop },
    select: { status: true },
  });
  if (!campaign) return fail("not_found", NOT_FOUND.message);
  if (campaign.status === "pushing" || campaign.status === "minting") {
    await cancelPush(shop, campaignId);
  } else {
    await dropUnsentCodes(campaignId);
  }
  const queued = await db.$transaction((tx) =>
    queueForRemoval(
      tx,
      { id: campaignId, shop },
      { pushState: "live", status: { not: "redeemed" } },
    ),
  );
  return ok({ queued });
}
