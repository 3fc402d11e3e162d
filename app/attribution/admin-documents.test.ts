// Every Admin GraphQL document attribution sends, validated against Shopify's real 2026-04
// Admin schema (emulator/schema/, byte-identical to Shopify's introspection).
import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "../../emulator/graphql/schema";
import { RECENT_ORDERS } from "../reconcile/orders-document";
import { READ_CUSTOMER_MARKER, SET_CUSTOMER_MARKER } from "./marker-documents";

const documents = { READ_CUSTOMER_MARKER, SET_CUSTOMER_MARKER, RECENT_ORDERS };

describe("attribution's Admin API documents", () => {
  const { schema } = loadAdminSchema();
  for (const [name, text] of Object.entries(documents)) {
    it(`${name} is valid against the 2026-04 Admin schema`, () => {
      expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]);
    });
  }

  it("would catch a field Shopify does not have", () => {
    const wrong = SET_CUSTOMER_MARKER.replace("compareDigest", "").replace("code\n", "severity\n");
    expect(validate(schema, parse(wrong)).length).toBeGreaterThan(0);
  });
});
