import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestClient, type TestClient } from "../test-client";

let client: TestClient;
let customerId: string;
let discountId: string;
beforeAll(async () => {
  client = await startTestClient();
  const shop = client.emulator.state.shops.get(client.shop);
  customerId = [...(shop?.customers.keys() ?? [])][0] ?? "";
  const { body } = await client.gql(
    `mutation ($input: DiscountCodeBasicInput!) { discountCodeBasicCreate(basicCodeDiscount: $input) { codeDiscountNode { id } } }`,
    {
      input: {
        title: "Metafield owner",
        code: "MF-OWNER",
        startsAt: "2026-01-01T00:00:00Z",
        customerGets: { value: { percentage: 0.2 }, items: { all: true } },
      },
    },
  );
  discountId = body.data.discountCodeBasicCreate.codeDiscountNode.id;
});
afterAll(() => client.close());

const SET = `mutation ($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { id namespace key type value compareDigest ownerType owner { ... on Customer { id } ... on DiscountCodeNode { id } } }
    userErrors { field message code elementIndex }
  }
}`;

describe("metafieldsSet", () => {
  it("writes metafields on a discount and a customer, and reads them back", async () => {
    const { body } = await client.gql(SET, {
      metafields: [
        { ownerId: discountId, namespace: "onecode", key: "rules", type: "json", value: '{"a":1}' },
        {
          ownerId: customerId,
          namespace: "onecode",
          key: "redeemed",
          type: "json",
          value: '["campaign-1"]',
        },
      ],
    });
    expect(body.data.metafieldsSet.userErrors).toEqual([]);
    expect(
      body.data.metafieldsSet.metafields.map((m: { ownerType: string; owner: { id: string } }) => [
        m.ownerType,
        m.owner.id,
      ]),
    ).toEqual([
      ["DISCOUNT", discountId],
      ["CUSTOMER", customerId],
    ]);
    const read = await client.gql(
      `query ($id: ID!) { customer(id: $id) { metafield(namespace: "onecode", key: "redeemed") { jsonValue } } }`,
      {
        id: customerId,
      },
    );
    expect(read.body.data.customer.metafield.jsonValue).toEqual(["campaign-1"]);
  });

  it("is atomic: one invalid input and nothing is written", async () => {
    const { body } = await client.gql(SET, {
      metafields: [
        { ownerId: customerId, namespace: "onecode", key: "atomic", type: "json", value: "{}" },
        { ownerId: customerId, namespace: "onecode", key: "x", type: "json", value: "{}" },
        { ownerId: customerId, namespace: "onecode", key: "nojson", type: "json", value: "{oops" },
        { ownerId: customerId, namespace: "onecode", key: "notype", value: "1" },
      ],
    });
    expect(body.data.metafieldsSet.metafields).toEqual([]);
    expect(body.data.metafieldsSet.userErrors).toEqual([
      {
        field: ["metafields", "1", "key"],
        message: "Key is too short (minimum is 2 characters)",
        code: "TOO_SHORT",
        elementIndex: 1,
      },
      {
        field: ["metafields", "2", "value"],
        message: "Value is invalid JSON",
        code: "INVALID_VALUE",
        elementIndex: 2,
      },
      {
        field: ["metafields", "3", "type"],
        message: "Type can't be blank",
        code: "BLANK",
        elementIndex: 3,
      },
    ]);
    const read = await client.gql(
      `query ($id: ID!) { customer(id: $id) { metafield(namespace: "onecode", key: "atomic") { id } } }`,
      { id: customerId },
    );
    expect(read.body.data.customer.metafield).toBeNull();
  });

  it("rejects more than 25 metafields in one call", async () => {
    const metafields = Array.from({ length: 26 }, (_, i) => ({
      ownerId: customerId,
      namespace: "onecode",
      key: `k${i}x`,
      type: "json",
      value: "1",
    }));
    const { body } = await client.gql(SET, { metafields });
    expect(body.data.metafieldsSet.userErrors).toEqual([
      {
        field: ["metafields"],
        message: "Exceeded the maximum metafields input limit of 25.",
        code: "LESS_THAN_OR_EQUAL_TO",
        elementIndex: null,
      },
    ]);
  });

  it("refuses a stale compareDigest", async () => {
    const input = {
      ownerId: customerId,
      namespace: "onecode",
      key: "digest",
      type: "single_line_text_field",
      value: "one",
    };
    const first = await client.gql(SET, { metafields: [input] });
    const digest = first.body.data.metafieldsSet.metafields[0].compareDigest;
    const second = await client.gql(SET, {
      metafields: [{ ...input, value: "two", compareDigest: digest }],
    });
    expect(second.body.data.metafieldsSet.userErrors).toEqual([]);
    const stale = await client.gql(SET, {
      metafields: [{ ...input, value: "three", compareDigest: digest }],
    });
    expect(stale.body.data.metafieldsSet.userErrors[0].code).toBe("STALE_OBJECT");
  });

  it("needs the owner's write scope", async () => {
    const readOnly = await startTestClient({}, { scopes: ["write_discounts", "read_customers"] });
    try {
      const { body } = await readOnly.gql(SET, {
        metafields: [
          { ownerId: customerId, namespace: "onecode", key: "redeemed", type: "json", value: "[]" },
        ],
      });
      expect(body.errors[0].extensions.code).toBe("ACCESS_DENIED");
    } finally {
      await readOnly.close();
    }
  });
});
