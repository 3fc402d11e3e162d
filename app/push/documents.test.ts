// Every document the push sends parses and validates against Shopify's real Admin API 2026-04
// schema, so a typo in a field or argument fails here rather than against a live store.
import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { adminSchema } from "../../test/push/admin-schema";
import * as documents from "./documents";
import type { AdminDocument } from "./paced-admin.server";

const schema = adminSchema();

const fixed = Object.entries(documents).filter(
  (entry): entry is [string, AdminDocument] =>
    typeof entry[1] === "object" && entry[1] !== null && "query" in entry[1],
);

function errorsOf(document: AdminDocument): string[] {
  return validate(schema, parse(document.query)).map((e) => e.message);
}

describe("the push's GraphQL documents", () => {
  it("include every fixed document", () => {
    expect(fixed.map(([name]) => name).sort()).toEqual([
      "BULK_ADD",
      "BULK_CREATION_CODES",
      "BULK_CREATION_STATUS",
      "BULK_DELETE",
      "DISCOUNT_BY_CODE",
      "DISCOUNT_CODES_SEARCH",
      "DISCOUNT_CREATE",
      "DISCOUNT_UPDATE",
      "JOB_STATUS",
      "REJECTION_DISCOUNT_CREATE",
      "REJECTION_DISCOUNT_DELETE",
      "REJECTION_DISCOUNT_READ",
      "REJECTION_INDEX_SET",
    ]);
  });

  it.each(fixed)("%s is valid against the Admin API 2026-04 schema", (_name, document) => {
    expect(errorsOf(document)).toEqual([]);
    expect(parse(document.query).definitions[0]).toMatchObject({ name: { value: document.name } });
  });

  it.each([1, 7, documents.MAX_CODES_PER_CALL])(
    "the aliased code-owner lookup for %i codes is valid",
    (count) => {
      expect(errorsOf(documents.codeOwnersDocument(count))).toEqual([]);
    },
  );

  it("refuses an owner lookup larger than Shopify's 250-item limit", () => {
    expect(() => documents.codeOwnersDocument(251)).toThrow(RangeError);
  });

  it("would catch a document that asks for a field Shopify does not have", () => {
    const broken = {
      ...documents.BULK_CREATION_STATUS,
      query: 'query { discountRedeemCodeBulkCreation(id: "1") { status } }',
    };
    expect(errorsOf(broken)).toEqual([
      'Cannot query field "status" on type "DiscountRedeemCodeBulkCreation".',
    ]);
  });
});
