// The Admin API through the shop's offline session, imported lazily so the webhook handlers load
// without the app's Shopify configuration.
import type { AdminGraphql } from "../shopify/admin-graphql";

/** Gives the shop's Admin GraphQL call; a test or another transport passes its own. */
export type AdminGraphqlFor = (shop: string) => Promise<AdminGraphql>;

export const libraryAdminGraphql: AdminGraphqlFor = async (shop) => {
  const { unauthenticated } = await import("../shopify.server");
  const { admin } = await unauthenticated.admin(shop);
  // The library's options type is wider (headers, tries); the app passes variables and signal.
  return admin.graphql as unknown as AdminGraphql;
};
