import { parse, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "../graphql/schema";
import { operationCost } from "./cost";

function requested(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  return operationCost({ schema: loadAdminSchema().schema, fragments: {}, variables }, operation);
}

describe("requested query cost", () => {
  it("matches what Shopify charged for a bulk add and its poll (captured 2026-04 answers: 24 and 15)", () => {
    const selection = `codes(first: 10) { nodes { code errors { field message code extraInfo } discountRedeemCode { id code } } }`;
    expect(
      requested(`mutation { discountRedeemCodeBulkAdd(discountId: "gid://shopify/DiscountCodeNode/1", codes: []) {
        bulkCreation { id done codesCount importedCount failedCount ${selection} }
        userErrors { field message code extraInfo } } }`),
    ).toBe(24);
    expect(
      requested(`{ discountRedeemCodeBulkCreation(id: "gid://shopify/DiscountRedeemCodeBulkCreation/1") {
        done codesCount importedCount failedCount ${selection} } }`),
    ).toBe(15);
  });

  it("costs scalars 0, objects 1, mutations 10, connections by first or last", () => {
    expect(requested("{ shop { name id } }")).toBe(1);
    expect(
      requested(
        `mutation { discountCodeDeactivate(id: "gid://shopify/DiscountCodeNode/1") { userErrors { message } } }`,
      ),
    ).toBe(10);
    expect(requested("query ($n: Int) { orders(first: $n) { nodes { id } } }", { n: 50 })).toBe(52);
    expect(requested("{ orders(last: 5) { nodes { id customer { id } } } }")).toBe(8);
    // Nested pages multiply: 2 + 10 + 10 × (2 + 5).
    expect(
      requested("{ products(first: 10) { nodes { collections(first: 5) { nodes { id } } } } }"),
    ).toBe(82);
  });
});
