// discountAutomaticAppCreate / Update / Delete and automaticDiscountNode over the emulator's
// Admin API endpoint, which validates every operation against Shopify's Admin schema 2026-04.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../clock";
import { loadAppRegistration } from "../store/app-config";
import { startTestClient, type TestClient } from "../test-client";

const extensionsDir = fileURLToPath(new URL("../store/fixtures/extensions", import.meta.url));
const clock = manualClock(Date.parse("2026-06-01T12:00:00Z"));
let client: TestClient;
beforeAll(async () => {
  client = await startTestClient({
    clock,
    state: { apps: [loadAppRegistration({ extensionsDir })], bulkCreationDelayMs: 0 },
  });
});
afterAll(() => client.close());

const CREATE = `mutation ($input: DiscountAutomaticAppInput!) {
  discountAutomaticAppCreate(automaticAppDiscount: $input) {
    automaticAppDiscount {
      discountId title status startsAt discountClasses
      combinesWith { productDiscounts orderDiscounts shippingDiscounts }
    }
    userErrors { field message code }
  }
}`;

const NODE = `query ($id: ID!) {
  automaticDiscountNode(id: $id) {
    id
    metafield(namespace: "$app:onecode", key: "rules") { value }
    automaticDiscount { ... on DiscountAutomaticApp { title status } }
  }
}`;

const input = {
  title: "Rejections",
  functionHandle: "test-discount",
  startsAt: "2026-05-01T00:00:00Z",
  discountClasses: ["ORDER"],
  combinesWith: { productDiscounts: true, orderDiscounts: true, shippingDiscounts: true },
  metafields: [{ namespace: "$app:onecode", key: "rules", type: "json", value: '{"a":1}' }],
};

describe("automatic app discounts", () => {
  it("are created backed by the app's function, read, rewritten and deleted", async () => {
    const { body } = await client.gql(CREATE, { input });
    const created = body.data.discountAutomaticAppCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.automaticAppDiscount).toMatchObject({
      title: "Rejections",
      status: "ACTIVE",
      discountClasses: ["ORDER"],
      combinesWith: { productDiscounts: true, orderDiscounts: true, shippingDiscounts: true },
    });
    const id = created.automaticAppDiscount.discountId as string;
    expect(id).toMatch(/^gid:\/\/shopify\/DiscountAutomaticNode\/\d+$/);

    const set = await client.gql(
      `mutation ($m: [MetafieldsSetInput!]!) {
        metafieldsSet(metafields: $m) { userErrors { field message code } }
      }`,
      { m: [{ ownerId: id, namespace: "$app:onecode", key: "rules", type: "json", value: "[2]" }] },
    );
    expect(set.body.data.metafieldsSet.userErrors).toEqual([]);
    const read = await client.gql(NODE, { id });
    expect(read.body.data.automaticDiscountNode).toEqual({
      id,
      metafield: { value: "[2]" },
      automaticDiscount: { title: "Rejections", status: "ACTIVE" },
    });

    const deleted = await client.gql(
      `mutation ($id: ID!) {
        discountAutomaticDelete(id: $id) { deletedAutomaticDiscountId userErrors { message } }
      }`,
      { id },
    );
    expect(deleted.body.data.discountAutomaticDelete.deletedAutomaticDiscountId).toBe(id);
    expect((await client.gql(NODE, { id })).body.data.automaticDiscountNode).toBeNull();
  });

  it("answer Shopify's userErrors for a missing title, function or class", async () => {
    const { body } = await client.gql(CREATE, {
      input: { startsAt: input.startsAt, functionHandle: "no-such-function" },
    });
    const created = body.data.discountAutomaticAppCreate;
    expect(created.automaticAppDiscount).toBeNull();
    expect(created.userErrors.map((e: { field: string[] }) => e.field.join("."))).toEqual([
      "automaticAppDiscount.functionHandle",
      "automaticAppDiscount.title",
      "automaticAppDiscount.discountClasses",
    ]);
  });

  it("refuse a selection the Admin schema does not have", async () => {
    const { body } = await client.gql(
      `mutation { discountAutomaticAppCreate(automaticAppDiscount: {title: "x"}) {
        automaticAppDiscount { code } } }`,
    );
    expect(body.errors?.[0]?.message).toMatch(/code/);
  });
});
