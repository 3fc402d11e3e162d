// Every fixture, checked the way Shopify's own function test suites check theirs: the input
// query is valid against schema.graphql, the fixture's input matches the query, the expected
// output is valid for the target's result type, and the function's output equals it, both
// from the TypeScript source and from the bundle running in QuickJS (Shopify's JS engine).
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  loadFixture,
  loadInputQuery,
  loadSchema,
  validateTestAssets,
} from "@shopify/shopify-function-test-helpers";
import type { GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bundleFunction,
  loadFunctionExtension,
} from "../../../emulator/checkout/function-extension";
import {
  createFunctionRunner,
  type FunctionRunner,
} from "../../../emulator/checkout/function-runner";
import * as fn from "../src/index";

const fixturesDir = fileURLToPath(new URL("./fixtures/", import.meta.url));
const files = readdirSync(fixturesDir).filter((file) => file.endsWith(".json"));
const extension = loadFunctionExtension();
const exports = fn as unknown as Record<string, (input: unknown) => unknown>;

let schema: GraphQLSchema;
let quickjs: FunctionRunner;

beforeAll(async () => {
  schema = await loadSchema(extension.schemaPath);
  quickjs = await createFunctionRunner(await bundleFunction(extension));
});

function targetOf(target: string) {
  const found = extension.targets.find((entry) => entry.target === target);
  if (!found) throw new Error(`No [[extensions.targeting]] for ${target}`);
  return found;
}

describe("function fixtures", () => {
  it("cover both targets", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  describe.each(files)("%s", (file) => {
    it("is valid against the schema and the input query", async () => {
      const fixture = await loadFixture(path.join(fixturesDir, file));
      const target = targetOf(fixture.target);
      expect(fixture.export).toBe(target.exportName);
      const result = await validateTestAssets({
        schema,
        fixture,
        inputQueryAST: await loadInputQuery(target.inputQueryPath),
      });
      expect(result.inputQuery.errors).toEqual([]);
      expect(result.inputFixture.errors).toEqual([]);
      expect(result.outputFixture.errors).toEqual([]);
    });

    it("gives the expected output from the source", async () => {
      const fixture = await loadFixture(path.join(fixturesDir, file));
      const run = exports[targetOf(fixture.target).jsExport];
      expect(run?.(fixture.input)).toEqual(fixture.expectedOutput);
    });

    it("gives the expected output from the bundle in QuickJS", async () => {
      const fixture = await loadFixture(path.join(fixturesDir, file));
      const result = quickjs.run(targetOf(fixture.target).jsExport, fixture.input);
      expect(result).toEqual({ ok: true, output: fixture.expectedOutput, logs: "" });
    });
  });
});

describe("a run that fails inside", () => {
  // Shopify never sends a string where the merchandise object goes; it is the one way to make
  // the run throw, which is what this checks the function survives and reports.
  const broken = (delivery: boolean) => ({
    triggeringDiscountCode: "SPRING-7KQ2-M9XD",
    enteredDiscountCodes: [{ code: "SPRING-7KQ2-M9XD", rejectable: true }],
    localization: { language: { isoCode: "EN" } },
    presentmentCurrencyRate: "1.0",
    discount: {
      metafield: {
        jsonValue: {
          v: 1,
          campaignId: "cmp_spring",
          reward: delivery
            ? { kind: "freeShipping" }
            : { kind: "amount", target: "order", value: { percent: 10 } },
        },
      },
    },
    cart: {
      buyerIdentity: null,
      lines: [
        {
          id: "gid://shopify/CartLine/1",
          quantity: 1,
          cost: { subtotalAmount: { amount: "10.0", currencyCode: "USD" } },
          merchandise: "gift card",
        },
      ],
      deliveryGroups: [{ id: "gid://shopify/CartDeliveryGroup/1" }],
    },
  });

  it.each(extension.targets.map((t) => [t.target, t] as const))(
    "gives no discount and says why in the run log: %s",
    (_name, target) => {
      const result = quickjs.run(target.jsExport, broken(target.target.includes("delivery")));
      expect(result).toMatchObject({ ok: true, output: { operations: [] } });
      expect(result.logs).toMatch(
        /^OneCode discount function failed, so no discount was given\. TypeError: .*'in'/,
      );
    },
  );
});
