// Titles of the products and collections a stored rules document names. The document holds ids
// only (it is the function's input, kept small), so the edit page asks Shopify for the names.
import type { AdminGraphql } from "../../shopify/admin-graphql";
import type { ResourceTitles } from "./form-state";

export const RESOURCE_TITLES_QUERY = /* GraphQL */ `
  query OneCodeResourceTitles($ids: [ID!]!) {
    nodes(ids: $ids) {
      id
      ... on Product {
        title
      }
      ... on Collection {
        title
      }
    }
  }
`;

// Shopify caps a list argument at 250 entries.
const BATCH = 250;

export interface TitlesAnswer {
  titles: ResourceTitles;
  /** Why some titles are missing, in words; null when Shopify answered. */
  problem: string | null;
}

/**
 * Titles by id. A product or collection deleted since has no title: `nodes` returns `[Node]!`,
 * null in the place of an id it cannot find; the editor then shows the id. A failed lookup leaves the page usable, with the reason.
 */
export async function resourceTitles(
  graphql: AdminGraphql,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<TitlesAnswer> {
  const titles: ResourceTitles = {};
  try {
    for (let start = 0; start < ids.length; start += BATCH) {
      const response = await graphql(RESOURCE_TITLES_QUERY, {
        variables: { ids: ids.slice(start, start + BATCH) },
        signal,
      });
      const body = (await response.json()) as {
        data?: { nodes?: ({ id: string; title?: string } | null)[] };
        errors?: { message: string }[];
      };
      if (!response.ok || body.errors?.length || !body.data?.nodes) {
        const reason = body.errors?.map((e) => e.message).join("; ") || `HTTP ${response.status}`;
        return {
          titles,
          problem: `Shopify did not give the product and collection names (${reason}).`,
        };
      }
      for (const node of body.data.nodes) if (node?.title) titles[node.id] = node.title;
    }
    return { titles, problem: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      titles,
      problem: `Shopify did not give the product and collection names (${reason}).`,
    };
  }
}
