import { readFileSync } from "node:fs";
import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { loadFunctionExtension } from "../emulator/checkout/function-extension";
import { MAX_QUERY_BYTES, MAX_QUERY_COST, inputQueryCost } from "./function-query-cost";

const extension = loadFunctionExtension();
const schema = buildSchema(readFileSync(extension.schemaPath, "utf8"));

describe("inputQueryCost", () => {
  it("prices leaves at 1, tag or collection checks at 3, a metafield at 3 plus what is read from it", () => {
    expect(
      inputQueryCost(schema, "{ presentmentCurrencyRate cart { lines { id quantity } } }"),
    ).toBe(3);
    expect(
      inputQueryCost(
        schema,
        '{ discount { metafield(namespace: "$app", key: "k") { value jsonValue type } } }',
      ),
    ).toBe(6);
    const merchandise = `{ cart { lines { merchandise { __typename ... on ProductVariant { product { hasAnyTag(tags: ["a"]) inAnyCollection(ids: []) } } } } } }`;
    // __typename is counted (1): the figure must never come out below Shopify's.
    expect(inputQueryCost(schema, merchandise)).toBe(7);
    // So is each field read from hasTags' answers.
    const tags = `{ cart { buyerIdentity { customer { hasTags(tags: ["a"]) { tag hasTag } } } } }`;
    expect(inputQueryCost(schema, tags)).toBe(5);
  });

  it("refuses a query that is not valid against the schema", () => {
    expect(() => inputQueryCost(schema, "{ cart { colour } }")).toThrow(
      /Cannot query field "colour"/,
    );
  });

  it("keeps each of the function's input queries within Shopify's limits", () => {
    for (const target of extension.targets) {
      expect(inputQueryCost(schema, target.inputQuery)).toBeLessThanOrEqual(MAX_QUERY_COST);
      expect(Buffer.byteLength(target.inputQuery)).toBeLessThanOrEqual(MAX_QUERY_BYTES);
    }
  });
});
