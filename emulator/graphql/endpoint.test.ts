import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installApp, createShop } from "../store/shops";
import { startTestClient, type TestClient } from "../test-client";

let client: TestClient;
beforeAll(async () => {
  client = await startTestClient();
});
afterAll(() => client.close());

describe("Admin GraphQL endpoint", () => {
  it("answers a valid query with data and the cost extension", async () => {
    const { status, headers, body } = await client.gql(
      "{ shop { name myshopifyDomain currencyCode } }",
    );
    expect(status).toBe(200);
    expect(headers.get("x-shopify-api-version")).toBe("2026-04");
    expect(body.data.shop).toEqual({
      name: "OneCode Demo",
      myshopifyDomain: "onecode-demo.myshopify.com",
      currencyCode: "USD",
    });
    expect(body.extensions.cost).toMatchObject({
      requestedQueryCost: 1,
      actualQueryCost: 1,
      throttleStatus: { maximumAvailable: 1000, restoreRate: 100 },
    });
  });

  it("rejects a field the schema does not have, as Shopify words it", async () => {
    const { status, body } = await client.gql("query Probe { shop { name definitelyNotAField } }");
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: "Field 'definitelyNotAField' doesn't exist on type 'Shop'",
        locations: [{ line: 1, column: 27 }],
        path: ["query Probe", "shop", "definitelyNotAField"],
        extensions: { code: "undefinedField", typeName: "Shop", fieldName: "definitelyNotAField" },
      },
    ]);
  });

  it("rejects an unknown argument and a syntax error", async () => {
    const badArg = await client.gql('{ shop { name(language: "fr") } }');
    expect(badArg.body.errors[0].extensions.code).toBe("argumentNotAccepted");
    const syntax = await client.gql("{ shop { name ");
    expect(syntax.body.errors[0].extensions.code).toBe("PARSE_ERROR");
  });

  it("reports a missing required variable as INVALID_VARIABLE", async () => {
    const { body } = await client.gql("query ($id: ID!) { customer(id: $id) { id } }");
    expect(body.errors[0]).toMatchObject({
      message: "Variable $id of type ID! was provided invalid value",
      extensions: {
        code: "INVALID_VARIABLE",
        value: null,
        problems: [{ path: [], explanation: "Expected value to not be null" }],
      },
    });
  });

  it("fails loudly on a valid field it has no resolver for, never inventing data", async () => {
    const { body } = await client.gql("{ shop { name billingAddress { city } } }");
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions).toMatchObject({
      code: "NOT_IMPLEMENTED",
      typeName: "Shop",
      fieldName: "billingAddress",
    });
  });

  it("answers 401 with Shopify's body for a missing, unknown or other-shop token", async () => {
    const invalid = {
      errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
    };
    const missing = await client.gql("{ shop { name } }", {}, { token: "" });
    expect([missing.status, missing.body]).toEqual([401, invalid]);
    const wrong = await client.gql("{ shop { name } }", {}, { token: "shpat_not-a-token" });
    expect([wrong.status, wrong.body]).toEqual([401, invalid]);
    const state = client.emulator.state;
    createShop(state, { domain: "elsewhere.myshopify.com" });
    const elsewhere = installApp(state, "elsewhere.myshopify.com", "onecode-demo-api-key", [
      "read_products",
    ]);
    const otherShop = await client.gql("{ shop { name } }", {}, { token: elsewhere });
    expect([otherShop.status, otherShop.body]).toEqual([401, invalid]);
  });

  it("answers 404 for a shop that does not exist", async () => {
    const { status, body } = await client.gql(
      "{ shop { name } }",
      {},
      { shop: "nobody.myshopify.com" },
    );
    expect([status, body]).toEqual([404, { errors: "Not Found" }]);
  });

  it("falls forward from a retired version, refuses versions it does not hold, 404s non-versions", async () => {
    const old = await client.gql("{ shop { name } }", {}, { version: "2024-01" });
    expect(old.status).toBe(200);
    expect(old.headers.get("x-shopify-api-version")).toBe("2026-04");
    const newer = await client.gql("{ shop { name } }", {}, { version: "2026-07" });
    expect(newer.status).toBe(400);
    expect(newer.body.errors).toMatch(/serves Admin API 2026-04 only/);
    const junk = await client.gql("{ shop { name } }", {}, { version: "latest" });
    expect(junk.status).toBe(404);
  });

  it("denies fields the app's scopes do not cover", async () => {
    const narrow = await startTestClient({}, { scopes: ["read_products"] });
    try {
      const products = await narrow.gql("{ products(first: 1) { nodes { id } } }");
      expect(products.body.data.products.nodes).toHaveLength(1);
      const { body } = await narrow.gql("{ orders(first: 1) { nodes { id } } }");
      expect(body.data).toBeNull();
      expect(body.errors[0]).toMatchObject({
        path: ["orders"],
        extensions: { code: "ACCESS_DENIED" },
      });
      expect(body.errors[0].message).toMatch(
        /^Access denied for orders field\. Required access: `read_orders`/,
      );
    } finally {
      await narrow.close();
    }
  });
});
