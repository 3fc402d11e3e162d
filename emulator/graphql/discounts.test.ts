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

const APP_CREATE = `mutation ($input: DiscountCodeAppInput!) {
  discountCodeAppCreate(codeAppDiscount: $input) {
    codeAppDiscount {
      discountId title status startsAt endsAt usageLimit appliesOncePerCustomer asyncUsageCount
      discountClasses combinesWith { productDiscounts orderDiscounts shippingDiscounts }
      appDiscountType { functionId appKey title }
      codes(first: 5) { nodes { code asyncUsageCount } }
      codesCount { count precision }
    }
    userErrors { field message code extraInfo }
  }
}`;

const baseInput = {
  title: "Spring campaign",
  code: "SPRING-SEED",
  startsAt: "2026-05-01T00:00:00Z",
  endsAt: "2026-07-01T00:00:00Z",
  functionHandle: "test-discount",
  discountClasses: ["PRODUCT", "ORDER"],
  usageLimit: 1,
  appliesOncePerCustomer: true,
  combinesWith: { orderDiscounts: true },
  metafields: [
    { namespace: "$app:onecode", key: "rules", type: "json", value: '{"minSubtotal":"50.00"}' },
  ],
};

describe("discountCodeAppCreate", () => {
  it("creates an app discount backed by the app's function, with its first code and metafield", async () => {
    const { body } = await client.gql(APP_CREATE, { input: baseInput });
    const created = body.data.discountCodeAppCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.codeAppDiscount).toMatchObject({
      title: "Spring campaign",
      status: "ACTIVE",
      startsAt: "2026-05-01T00:00:00.000Z",
      usageLimit: 1,
      appliesOncePerCustomer: true,
      asyncUsageCount: 0,
      discountClasses: ["PRODUCT", "ORDER"],
      combinesWith: { productDiscounts: false, orderDiscounts: true, shippingDiscounts: false },
      appDiscountType: { appKey: "onecode-demo-api-key", title: "Test discount" },
      codes: { nodes: [{ code: "SPRING-SEED", asyncUsageCount: 0 }] },
      codesCount: { count: 1, precision: "EXACT" },
    });
    const id = created.codeAppDiscount.discountId;
    const read = await client.gql(
      `query ($id: ID!) { codeDiscountNode(id: $id) { id metafield(namespace: "$app:onecode", key: "rules") { namespace type jsonValue } } }`,
      { id },
    );
    expect(read.body.data.codeDiscountNode.metafield).toMatchObject({
      namespace: expect.stringMatching(/^app--\d+--onecode$/),
      type: "json",
      jsonValue: { minSubtotal: "50.00" },
    });
  });

  it("answers Shopify's userErrors for missing, doubled, unknown and wrong-API functions", async () => {
    const attempt = async (changes: Record<string, unknown>) => {
      const input: Record<string, unknown> = {
        ...baseInput,
        code: `C-${Math.random()}`,
        ...changes,
      };
      for (const [k, v] of Object.entries(changes)) if (v === undefined) delete input[k];
      const { body } = await client.gql(APP_CREATE, { input });
      return body.data.discountCodeAppCreate;
    };
    expect((await attempt({ functionHandle: undefined })).userErrors[0]).toEqual({
      field: ["codeAppDiscount", "functionHandle"],
      message: "Function id can't be blank.",
      code: "MISSING_FUNCTION_IDENTIFIER",
      extraInfo: null,
    });
    expect(
      (await attempt({ functionId: "00000000-0000-0000-0000-000000000000" })).userErrors[0].code,
    ).toBe("MULTIPLE_FUNCTION_IDENTIFIERS");
    const unknown = await attempt({ functionHandle: "nope" });
    expect(unknown.codeAppDiscount).toBeNull();
    expect(unknown.userErrors[0].message).toMatch(
      /^Function nope not found\. Ensure that it is released in the current app \(\d+\)/,
    );
    const wrongApi = await attempt({ functionHandle: "test-cart-transform" });
    expect(wrongApi.userErrors[0]).toMatchObject({
      code: null,
      message: expect.stringMatching(/^Unexpected Function API/),
    });
  });

  it("validates title, code, window, usage limit and metafields", async () => {
    const { body } = await client.gql(APP_CREATE, {
      input: {
        ...baseInput,
        title: "",
        code: "SPRING-SEED",
        startsAt: null,
        usageLimit: 0,
        metafields: [{ namespace: "$app:onecode", key: "rules", type: "json", value: "{not json" }],
      },
    });
    const errors = body.data.discountCodeAppCreate.userErrors.map(
      (e: { field: string[]; code: string }) => [e.field.join("."), e.code],
    );
    expect(errors).toEqual([
      ["codeAppDiscount.title", "BLANK"],
      ["codeAppDiscount.code", "TAKEN"],
      ["codeAppDiscount.startsAt", "BLANK"],
      ["codeAppDiscount.usageLimit", "GREATER_THAN"],
      ["codeAppDiscount.metafields.0.value", "INVALID"],
    ]);
    const ends = await client.gql(APP_CREATE, {
      input: { ...baseInput, code: "ENDS-EARLY", endsAt: "2026-04-01T00:00:00Z" },
    });
    expect(ends.body.data.discountCodeAppCreate.userErrors[0].code).toBe(
      "END_DATE_BEFORE_START_DATE",
    );
  });
});

describe("discountCodeAppUpdate, deactivate, activate", () => {
  it("updates fields and metafields, then expires and reactivates the discount", async () => {
    const created = await client.gql(APP_CREATE, { input: { ...baseInput, code: "LIFECYCLE-1" } });
    const id = created.body.data.discountCodeAppCreate.codeAppDiscount.discountId;
    const update = await client.gql(
      `mutation ($id: ID!, $input: DiscountCodeAppInput!) {
        discountCodeAppUpdate(id: $id, codeAppDiscount: $input) {
          codeAppDiscount { title usageLimit appliesOncePerCustomer endsAt }
          userErrors { field message code }
        }
      }`,
      {
        id,
        input: {
          title: "Renamed",
          usageLimit: 5,
          appliesOncePerCustomer: false,
          endsAt: null,
          metafields: [
            {
              namespace: "$app:onecode",
              key: "rules",
              type: "json",
              value: '{"minSubtotal":"10.00"}',
            },
          ],
        },
      },
    );
    expect(update.body.data.discountCodeAppUpdate).toEqual({
      codeAppDiscount: {
        title: "Renamed",
        usageLimit: 5,
        appliesOncePerCustomer: false,
        endsAt: null,
      },
      userErrors: [],
    });
    const status = `query ($id: ID!) { codeDiscountNode(id: $id) { codeDiscount { ... on DiscountCodeApp { status endsAt } } metafield(namespace: "$app:onecode", key: "rules") { value } } }`;
    const deactivate = await client.gql(
      `mutation ($id: ID!) { discountCodeDeactivate(id: $id) { codeDiscountNode { id } userErrors { message } } }`,
      { id },
    );
    expect(deactivate.body.data.discountCodeDeactivate.userErrors).toEqual([]);
    const expired = await client.gql(status, { id });
    expect(expired.body.data.codeDiscountNode.codeDiscount).toEqual({
      status: "EXPIRED",
      endsAt: "2026-06-01T12:00:00.000Z",
    });
    expect(expired.body.data.codeDiscountNode.metafield.value).toBe('{"minSubtotal":"10.00"}');
    await client.gql(
      `mutation ($id: ID!) { discountCodeActivate(id: $id) { userErrors { message } } }`,
      { id },
    );
    const active = await client.gql(status, { id });
    expect(active.body.data.codeDiscountNode.codeDiscount).toEqual({
      status: "ACTIVE",
      endsAt: null,
    });
    const missing = await client.gql(
      `mutation { discountCodeDeactivate(id: "gid://shopify/DiscountCodeNode/1") { userErrors { field message code } } }`,
    );
    expect(missing.body.data.discountCodeDeactivate.userErrors).toEqual([
      { field: ["id"], message: "Code discount does not exist.", code: "INVALID" },
    ]);
  });
});

describe("codes connection", () => {
  it("pages through a discount's codes with cursors", async () => {
    const created = await client.gql(APP_CREATE, { input: { ...baseInput, code: "PAGE-00" } });
    const id = created.body.data.discountCodeAppCreate.codeAppDiscount.discountId;
    await client.gql(
      `mutation ($id: ID!, $codes: [DiscountRedeemCodeInput!]!) { discountRedeemCodeBulkAdd(discountId: $id, codes: $codes) { userErrors { message } } }`,
      { id, codes: Array.from({ length: 6 }, (_, i) => ({ code: `PAGE-0${i + 1}` })) },
    );
    const page = `query ($id: ID!, $after: String) { codeDiscountNode(id: $id) { codeDiscount { ... on DiscountCodeApp {
      codes(first: 3, after: $after) { nodes { code } pageInfo { hasNextPage endCursor } } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { body } = await client.gql(page, { id, after });
      const codes = body.data.codeDiscountNode.codeDiscount.codes;
      seen.push(...codes.nodes.map((n: { code: string }) => n.code));
      if (!codes.pageInfo.hasNextPage) break;
      after = codes.pageInfo.endCursor;
    }
    expect(seen).toEqual([
      "PAGE-00",
      "PAGE-01",
      "PAGE-02",
      "PAGE-03",
      "PAGE-04",
      "PAGE-05",
      "PAGE-06",
    ]);
    const noSize = await client.gql(
      `query ($id: ID!) { codeDiscountNode(id: $id) { codeDiscount { ... on DiscountCodeApp { codes { nodes { code } } } } } }`,
      { id },
    );
    expect(noSize.body.errors[0].message).toBe("you must provide one of first or last");
  });
});

describe("shopifyFunctions", () => {
  it("lists the app's functions from its extensions", async () => {
    const { body } = await client.gql(
      `{ shopifyFunctions(first: 10) { nodes { id title handle apiType app { apiKey } } } }`,
    );
    expect(body.data.shopifyFunctions.nodes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          handle: "test-discount",
          apiType: "discount",
          title: "Test discount",
          app: { apiKey: "onecode-demo-api-key" },
        }),
        expect.objectContaining({ handle: "test-cart-transform", apiType: "cart_transform" }),
      ]),
    );
    const discounts = await client.gql(
      `{ shopifyFunctions(first: 10, apiType: "discount") { nodes { handle } } }`,
    );
    expect(discounts.body.data.shopifyFunctions.nodes).toEqual([{ handle: "test-discount" }]);
  });
});
