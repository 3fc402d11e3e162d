// The Admin API as attribution's background work uses it: through the library's offline session
// for the shop (unauthenticated.admin), imported lazily so the webhook handlers stay plain
// functions that load without the app's Shopify configuration (another transport, or a test).

export type AdminGraphql = (
  shop: string,
  query: string,
  variables: Record<string, unknown>,
) => Promise<{ data?: unknown; errors?: unknown }>;

export const libraryAdminGraphql: AdminGraphql = async (shop, query, variables) => {
  const { unauthenticated } = await import("../shopify.server");
  const { admin } = await unauthenticated.admin(shop);
  const response = await admin.graphql(query, { variables });
  return (await response.json()) as { data?: unknown; errors?: unknown };
};
