// A token Shopify refuses is forgotten (as the library does on a 401), so the merchant's next visit
// exchanges a fresh one, and that visit wakes the push.
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
