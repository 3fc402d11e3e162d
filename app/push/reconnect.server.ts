// Shopify refusing the app's access token (revoked, or a store that no longer knows it) leaves the
// stored offline session looking valid, and the Shopify library only exchanges a new token when
// the merchant opens the app with no valid session. So a refused token is forgotten (what the
// library itself does with a 401 inside an admin request), the merchant's next visit exchanges a
// fresh one, and that visit wakes the push instead of leaving it to its next retry.
import db from "../db.server";

/**
 * Forgets the shop's offline token if it is still the refused one: a token stored by a reconnect
 * meanwhile is never touched. The session storage keeps a forgotten token as "".
 */
export async function forgetRefusedToken(shop: string, refused: string): Promise<void> {
  if (!refused) return;
  await db.session.updateMany({
    where: { shop, isOnline: false, accessToken: refused },
    data: { accessToken: "" },
  });
}

/** After the merchant reconnected: the shop's chunks waiting to retry are claimable now. */
export async function resumeAfterReconnect(shop: string): Promise<void> {
  await db.pushChunk.updateMany({
    where: {
      shop,
      state: { in: ["pending", "submitted"] },
      leaseOwner: null,
      leaseExpiresAt: { not: null },
    },
    data: { leaseExpiresAt: null },
  });
}
