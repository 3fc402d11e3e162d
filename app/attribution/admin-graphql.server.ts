// The Admin API as attribution's background work uses it: through the library's offline session
// for the shop (unauthenticated.admin), imported lazily so the webhook handlers stay plain
// functions that load without the app's Shopify configuration (another transport, or a test).
import type { AdminGraphql } from "../shopify/admin-graphql";

/** Gives the shop's Admin GraphQL call; a test or another transport passes its own. */
export type AdminGraphqlFor = (shop: string) => Promise<AdminGraphql>;

export const libraryAdminGraphql: AdminGraphqlFor = async (shop) => {
  const { unauthenticated } = await import("../shopify.server");
  const { admin } = await unauthenticated.admin(shop);
  // The library's options type is wider (headers, tries); the app passes variables and signal.
  return admin.graphql as unknown as AdminGraphql;
};
