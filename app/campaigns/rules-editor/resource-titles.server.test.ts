// The titles lookup against the emulator's Admin API, which validates every request against
// Shopify's real 2026-04 schema.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestClient, type TestClient } from "../../../emulator/test-client";
import { listCollections, listProducts } from "../../../emulator/store/catalog";
import { requireShop } from "../../../emulator/store/shops";
import type { AdminGraphql } from "../../shopify/admin-graphql";
import { resourceTitles } from "./resource-titles.server";

let client: TestClient;

beforeAll(async () => {
  client = await startTestClient({}, { scopes: ["read_products", "write_discounts"] });
});
afterAll(async () => {
  await client?.close();
});

function graphqlAt(url: string): AdminGraphql {
  return (query, options) =>
    fetch(`${url}/store/${client.shop}/admin/api/2026-04/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": client.token },
      body: JSON.stringify({ query, variables: options?.variables ?? {} }),
    });
}

describe("titles of the products and collections in the rules", () => {
  it("gives each title by id, and nothing for one deleted since", async () => {
    const shop = requireShop(client.emulator.state, client.shop);
    const [product] = listProducts(shop);
    const [collection] = listCollections(shop);
    const gone = "gid://shopify/Product/999999999";
    const answer = await resourceTitles(graphqlAt(client.emulator.url), [
      product!.id,
      collection!.id,
      gone,
    ]);
    expect(answer).toEqual({
      titles: { [product!.id]: product!.title, [collection!.id]: collection!.title },
      problem: null,
    });
  });

  it("says why when Shopify cannot be asked, leaving the page usable", async () => {
    const answer = await resourceTitles(graphqlAt("http://127.0.0.1:9"), [
      "gid://shopify/Product/1",
    ]);
    expect(answer.titles).toEqual({});
    expect(answer.problem).toMatch(/^Shopify did not give the product and collection names/);
  });
});
