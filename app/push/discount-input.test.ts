// The campaign's discount input, checked as Shopify would coerce it: against the real
// DiscountCodeAppInput of the Admin API 2026-04 schema, through the documents that send it.
import { readFileSync } from "node:fs";
import { getOperationAST, getVariableValues, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { adminSchema } from "../../test/push/admin-schema";
import { discountInput, FUNCTION_HANDLE, type DiscountInputCode } from "./discount-input";
import { DISCOUNT_CREATE, DISCOUNT_UPDATE } from "./documents";

const campaign = {
  id: "cmp_spring",
  name: "Spring sale",
  startsAt: new Date("2026-03-01T00:00:00Z"),
  endsAt: new Date("2026-03-31T23:59:59Z"),
  rules: {
    v: 1,
    campaignId: "whatever-was-stored",
    oncePerCustomer: true,
    reward: { kind: "freeShipping" },
  },
  bindingKey: null,
};

function coercionErrors(query: string, variables: Record<string, unknown>): string[] {
  const document = parse(query);
  const operation = getOperationAST(document)!;
  const result = getVariableValues(adminSchema(), operation.variableDefinitions ?? [], variables);
  return (result.errors ?? []).map((e) => e.message);
}

describe("the campaign's discount input", () => {
  it("is a valid DiscountCodeAppInput for discountCodeAppCreate, single-use per code", () => {
    const result = discountInput(campaign, { create: true, firstCode: "SPRING-AB12" });
    if (!result.ok) throw new Error(result.message);
    expect(coercionErrors(DISCOUNT_CREATE.query, { discount: result.input })).toEqual([]);
    expect(result.input).toMatchObject({
      title: "Spring sale",
      code: "SPRING-AB12",
      functionHandle: FUNCTION_HANDLE,
      startsAt: "2026-03-01T00:00:00.000Z",
      endsAt: "2026-03-31T23:59:59.000Z",
      usageLimit: 1,
      appliesOncePerCustomer: true,
      discountClasses: ["SHIPPING"],
    });
    const [metafield] = result.input.metafields as {
      namespace: string;
      key: string;
      type: string;
      value: string;
    }[];
    expect(metafield).toMatchObject({ namespace: "$app", key: "rules", type: "json" });
    // The metafield names the campaign itself: the function and the push both rely on it.
    expect(JSON.parse(metafield!.value)).toMatchObject({ campaignId: "cmp_spring", v: 1 });
  });

  it("is valid for discountCodeAppUpdate and leaves the codes and function alone", () => {
    const result = discountInput(campaign, { create: false });
    if (!result.ok) throw new Error(result.message);
    expect(
      coercionErrors(DISCOUNT_UPDATE.query, {
        id: "gid://shopify/DiscountCodeNode/1",
        discount: result.input,
      }),
    ).toEqual([]);
    expect(result.input).not.toHaveProperty("code");
    expect(result.input).not.toHaveProperty("functionHandle");
  });

  it("carries the campaign's binding key from the campaign, never from the stored rules", () => {
    const key = "ab".repeat(32);
    const stale = { ...campaign.rules, boundKey: "cd".repeat(32) };
    const bound = discountInput({ ...campaign, rules: stale, bindingKey: key }, { create: false });
    const open = discountInput({ ...campaign, rules: stale, bindingKey: null }, { create: false });
    if (!bound.ok || !open.ok) throw new Error("rules refused");
    const sent = (input: Record<string, unknown>) =>
      JSON.parse((input.metafields as { value: string }[])[0]!.value) as { boundKey: unknown };
    expect(sent(bound.input).boundKey).toBe(key);
    expect(sent(open.input).boundKey).toBeNull();
  });

  it("uses the handle of the function extension in this repository", () => {
    const toml = readFileSync(
      new URL("../../extensions/onecode-discount/shopify.extension.toml", import.meta.url),
      "utf8",
    );
    expect(toml).toContain(`handle = "${FUNCTION_HANDLE}"`);
  });

  it("refuses rules Shopify's function could not read, saying which", () => {
    const result = discountInput(
      { ...campaign, rules: { v: 1, reward: { kind: "nope" } } },
      { create: false },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /^The campaign's rules cannot be sent to Shopify: reward/,
    );
  });

  it.each([
    ["rules_invalid", { ...campaign, rules: { v: 1, reward: { kind: "nope" } } }],
  ] satisfies [DiscountInputCode, typeof campaign | object][])("answers %s", (code, input) => {
    expect(discountInput(input as typeof campaign, { create: false })).toMatchObject({
      ok: false,
      code,
      message: expect.stringMatching(/^\S.*\S$/),
    });
  });
});
