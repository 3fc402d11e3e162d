import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../clock";
import { startTestClient, type TestClient } from "../test-client";

const clock = manualClock();
let client: TestClient;
beforeAll(async () => {
  client = await startTestClient({ clock, state: { bulkCreationDelayMs: 1000 } });
});
afterAll(() => client.close());

const CREATE = `mutation ($input: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $input) { codeDiscountNode { id } userErrors { field message code } }
}`;
const BULK_ADD = `mutation ($id: ID!, $codes: [DiscountRedeemCodeInput!]!) {
  discountRedeemCodeBulkAdd(discountId: $id, codes: $codes) {
    bulkCreation { id done codesCount importedCount failedCount }
    userErrors { field message code extraInfo }
  }
}`;
const POLL = `query ($id: ID!) {
  discountRedeemCodeBulkCreation(id: $id) {
    done codesCount importedCount failedCount
    codes(first: 50) { nodes { code errors { field message code } discountRedeemCode { id code } } }
  }
}`;

async function newDiscount(code: string): Promise<string> {
  const { body } = await client.gql(CREATE, {
    input: {
      title: `Discount ${code}`,
      code,
      startsAt: "2026-01-01T00:00:00Z",
      context: { all: "ALL" },
      customerGets: { value: { percentage: 0.1 }, items: { all: true } },
    },
  });
  expect(body.data.discountCodeBasicCreate.userErrors).toEqual([]);
  return body.data.discountCodeBasicCreate.codeDiscountNode.id;
}

async function bulkAdd(id: string, codes: string[]) {
  return client.gql(BULK_ADD, { id, codes: codes.map((code) => ({ code })) });
}

describe("discountRedeemCodeBulkAdd", () => {
  it("accepts 250 codes and rejects the 251st with MAX_INPUT_SIZE_EXCEEDED", async () => {
    const id = await newDiscount("LIMITBASE");
    const tooMany = await bulkAdd(
      id,
      Array.from({ length: 251 }, (_, i) => `LIMIT-${i}`),
    );
    expect(tooMany.body.data).toBeUndefined();
    expect(tooMany.body.errors).toEqual([
      {
        message: "The input array size of 251 is greater than the maximum allowed of 250.",
        locations: [{ line: 2, column: 3 }],
        path: ["discountRedeemCodeBulkAdd", "codes"],
        extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" },
      },
    ]);
    expect(tooMany.body.extensions.cost.actualQueryCost).toBeNull();
    const ok = await bulkAdd(
      id,
      Array.from({ length: 250 }, (_, i) => `OK250-${i}`),
    );
    expect(ok.body.data.discountRedeemCodeBulkAdd.userErrors).toEqual([]);
    expect(ok.body.data.discountRedeemCodeBulkAdd.bulkCreation.codesCount).toBe(250);
  });

  it("runs asynchronously: done turns true only after the configured delay", async () => {
    const id = await newDiscount("ASYNCBASE");
    const added = await bulkAdd(id, ["ASYNC-1", "ASYNC-2"]);
    const bulk = added.body.data.discountRedeemCodeBulkAdd.bulkCreation;
    expect(bulk).toMatchObject({ done: false, codesCount: 2, importedCount: 0, failedCount: 0 });
    clock.advance(999);
    const early = await client.gql(POLL, { id: bulk.id });
    expect(early.body.data.discountRedeemCodeBulkCreation).toMatchObject({
      done: false,
      importedCount: 0,
    });
    const notYet = await client.gql(`{ codeDiscountNodeByCode(code: "ASYNC-1") { id } }`);
    expect(notYet.body.data.codeDiscountNodeByCode).toBeNull();
    clock.advance(1);
    const done = await client.gql(POLL, { id: bulk.id });
    expect(done.body.data.discountRedeemCodeBulkCreation).toMatchObject({
      done: true,
      importedCount: 2,
      failedCount: 0,
    });
  });

  it("reports duplicates, case variants and invalid codes per code", async () => {
    const id = await newDiscount("PERCODEBASE");
    const other = await newDiscount("TAKEN-ELSEWHERE");
    expect(other).not.toBe(id);
    const codes = [
      "",
      "LINE\nBREAK",
      "X".repeat(256),
      "Fresh-1",
      "FRESH-1",
      "taken-elsewhere",
      "PerCodeBase",
      "Fine-2",
    ];
    const added = await bulkAdd(id, codes);
    clock.advance(1000);
    const { body } = await client.gql(POLL, {
      id: added.body.data.discountRedeemCodeBulkAdd.bulkCreation.id,
    });
    const result = body.data.discountRedeemCodeBulkCreation;
    expect(result).toMatchObject({ done: true, codesCount: 8, importedCount: 2, failedCount: 6 });
    const errors = result.codes.nodes.map(
      (n: { code: string; errors: { message: string; code: null }[] }) => [
        n.code.slice(0, 12),
        n.errors.map((e) => e.message).join(),
      ],
    );
    expect(errors).toEqual([
      ["", "is too short (minimum is 1 character)"],
      ["LINE\nBREAK", "cannot contain newline characters."],
      ["XXXXXXXXXXXX", "is too long (maximum is 255 characters)"],
      ["Fresh-1", ""],
      ["FRESH-1", "Codes must be unique within BulkDiscountCodeCreation"],
      ["taken-elsewh", "must be unique. Please try a different code."],
      ["PerCodeBase", "must be unique. Please try a different code."],
      ["Fine-2", ""],
    ]);
    expect(result.codes.nodes[0].errors[0]).toEqual({
      field: ["code"],
      message: "is too short (minimum is 1 character)",
      code: null,
    });
  });

  it("answers userErrors for an unknown discount and an empty list", async () => {
    const unknown = await bulkAdd("gid://shopify/DiscountCodeNode/1", ["ABC"]);
    expect(unknown.body.data.discountRedeemCodeBulkAdd).toEqual({
      bulkCreation: null,
      userErrors: [
        {
          field: ["discountId"],
          message: "Code discount does not exist.",
          code: "INVALID",
          extraInfo: null,
        },
      ],
    });
    const id = await newDiscount("EMPTYBASE");
    const empty = await bulkAdd(id, []);
    expect(empty.body.data.discountRedeemCodeBulkAdd.userErrors).toEqual([
      { field: ["codes"], message: "Codes can't be blank", code: "BLANK", extraInfo: null },
    ]);
  });

  it("enforces the per-shop cap on codes, across all discounts", async () => {
    const capped = await startTestClient({ state: { bulkCreationDelayMs: 0, maxCodesPerShop: 3 } });
    try {
      const create = (code: string) =>
        capped.gql(CREATE, {
          input: {
            title: code,
            code,
            startsAt: "2026-01-01T00:00:00Z",
            customerGets: { value: { percentage: 0.1 }, items: { all: true } },
          },
        });
      const first = await create("CAP-A");
      const id = first.body.data.discountCodeBasicCreate.codeDiscountNode.id;
      await create("CAP-B");
      const added = await capped.gql(BULK_ADD, {
        id,
        codes: [{ code: "CAP-C" }, { code: "CAP-D" }],
      });
      const { body } = await capped.gql(POLL, {
        id: added.body.data.discountRedeemCodeBulkAdd.bulkCreation.id,
      });
      const nodes = body.data.discountRedeemCodeBulkCreation.codes.nodes;
      expect(nodes[0].errors).toEqual([]);
      expect(nodes[1].errors[0].message).toMatch(/limit of 3 discount codes/);
      const full = await create("CAP-E");
      expect(full.body.data.discountCodeBasicCreate.userErrors[0]).toMatchObject({
        field: ["basicCodeDiscount", "code"],
        code: "EXCEEDED_MAX",
      });
    } finally {
      await capped.close();
    }
  });
});

describe("codeDiscountNodeByCode", () => {
  it("finds a code whatever its case", async () => {
    const id = await newDiscount("MiXeD-Case-9");
    for (const code of ["MiXeD-Case-9", "mixed-case-9", "MIXED-CASE-9"]) {
      const { body } = await client.gql(
        `query ($code: String!) { codeDiscountNodeByCode(code: $code) { id } }`,
        { code },
      );
      expect(body.data.codeDiscountNodeByCode).toEqual({ id });
    }
    const { body } = await client.gql(`{ codeDiscountNodeByCode(code: "NO-SUCH-CODE") { id } }`);
    expect(body.data.codeDiscountNodeByCode).toBeNull();
  });
});

describe("discountCodeRedeemCodeBulkDelete", () => {
  it("deletes the selected codes in a job that completes later", async () => {
    const id = await newDiscount("DELBASE");
    const added = await bulkAdd(id, ["DEL-1", "DEL-2"]);
    clock.advance(1000);
    const poll = await client.gql(POLL, {
      id: added.body.data.discountRedeemCodeBulkAdd.bulkCreation.id,
    });
    const del1 = poll.body.data.discountRedeemCodeBulkCreation.codes.nodes[0].discountRedeemCode.id;
    const { body } = await client.gql(
      `mutation ($id: ID!, $ids: [ID!]) { discountCodeRedeemCodeBulkDelete(discountId: $id, ids: $ids) { job { id done } userErrors { message code } } }`,
      { id, ids: [del1] },
    );
    const job = body.data.discountCodeRedeemCodeBulkDelete.job;
    expect(job.done).toBe(false);
    clock.advance(1000);
    const after = await client.gql(
      `query ($job: ID!) { job(id: $job) { done } gone: codeDiscountNodeByCode(code: "DEL-1") { id } kept: codeDiscountNodeByCode(code: "del-2") { id } }`,
      { job: job.id },
    );
    expect(after.body.data).toEqual({ job: { done: true }, gone: null, kept: { id } });
    const none = await client.gql(
      `mutation ($id: ID!) { discountCodeRedeemCodeBulkDelete(discountId: $id) { job { id } userErrors { message code } } }`,
      { id },
    );
    expect(none.body.data.discountCodeRedeemCodeBulkDelete.userErrors[0].code).toBe(
      "MISSING_ARGUMENT",
    );
  });
});
