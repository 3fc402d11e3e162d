// The one type for an Admin GraphQL call: the Shopify library's `admin.graphql` (from
// `authenticate.admin` or `unauthenticated.admin(shop)`), which answers the HTTP response. The
// push paces it, the admin pages and attribution call it as it is.

export type AdminGraphql = (
  query: string,
  options?: { variables?: Record<string, unknown>; signal?: AbortSignal },
) => Promise<Response>;

/** A GraphQL answer's body: `data`, and `errors` when Shopify refused part or all of the query. */
export interface GraphqlAnswer {
  data?: unknown;
  errors?: unknown;
}

/** Sends one query and reads the answer's body. */
export async function graphqlAnswer(
  graphql: AdminGraphql,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphqlAnswer> {
  const response = await graphql(query, { variables });
  return (await response.json()) as GraphqlAnswer;
}
