// npm run bench:function — the discount function's cost against Shopify's limits: input query
// cost (limit 30, largest over the targets) and size (limit 3,000 bytes), the bundle's size
// (Shopify CLI's esbuild step, minified; the Wasm limit is 256 kB, our JS budget 100 kB), and
// the time of one run on a 200-line cart inside QuickJS (the engine Shopify's JS functions run
// on, a fresh engine per run as in Shopify) beside the same run in Node.
// Prints figures line by line, then one JSON line last.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { buildSchema } from "graphql";
import { bundleFunction, loadFunctionExtension } from "../emulator/checkout/function-extension";
import { createFunctionRunner } from "../emulator/checkout/function-runner";
import { cartLinesDiscountsGenerateRun } from "../extensions/onecode-discount/src/index";
import type { CartLinesInput } from "../extensions/onecode-discount/generated/api";
import { readRules } from "@onecode/checkout-rules/rules";
import { buildRejectionIndex } from "../app/campaigns/rejection-index-build";
import { inputQueryCost } from "./function-query-cost";

const LINES = 200;
const QUICKJS_RUNS = 50;
const NODE_RUNS = 2_000;

const extension = loadFunctionExtension();
const schema = buildSchema(readFileSync(extension.schemaPath, "utf8"));
const costs = extension.targets.map((t) => ({
  target: t.target,
  cost: inputQueryCost(schema, t.inputQuery),
  bytes: Buffer.byteLength(t.inputQuery),
}));
for (const c of costs) console.log(`${c.target}: query cost ${c.cost}, ${c.bytes} bytes`);

const minified = await bundleFunction(extension, { minify: true });
const plain = await bundleFunction(extension);
const bundleBytes = Buffer.byteLength(minified);
console.log(
  `bundle: ${bundleBytes} bytes minified, ${Buffer.byteLength(plain)} bytes as Shopify CLI leaves it`,
);

// A 200-line cart exercising every step: collection include list, product exclude list,
// customer tag, minimum subtotal, percentage on eligible lines with a cap.
const input = {
  triggeringDiscountCode: "SPRING-7KQ2-M9XD",
  enteredDiscountCodes: [{ code: "SPRING-7KQ2-M9XD", rejectable: true }],
  localization: { language: { isoCode: "EN" } },
  presentmentCurrencyRate: "1.0",
  discount: {
    metafield: {
      jsonValue: {
        v: 1,
        campaignId: "cmp_bench",
        includeProductIds: [],
        excludeProductIds: Array.from(
          { length: 50 },
          (_, i) => `gid://shopify/Product/${9000 + i}`,
        ),
        includeCollectionIds: ["gid://shopify/Collection/1", "gid://shopify/Collection/2"],
        excludeCollectionIds: ["gid://shopify/Collection/3"],
        requiredCustomerTags: ["vip"],
        excludedCustomerTags: ["staff"],
        customerTags: ["vip", "staff"],
        minSubtotal: { amount: "100", eligibleOnly: true },
        firstOrderOnly: false,
        oncePerCustomer: true,
        boundKey: null,
        reward: { kind: "amount", target: "eligible", value: { percent: 15 }, cap: "500" },
      },
    },
  },
  cart: {
    buyerIdentity: {
      customer: {
        id: "gid://shopify/Customer/1001",
        numberOfOrders: 3,
        // hasTags over customerTags: ["vip", "staff"].
        tags: [{ hasTag: true }, { hasTag: false }],
        redeemed: { jsonValue: ["cmp_a", "cmp_b"] },
      },
    },
    lines: Array.from({ length: LINES }, (_, i) => ({
      id: `gid://shopify/CartLine/${i + 1}`,
      quantity: 1 + (i % 4),
      cost: {
        subtotalAmount: { amount: ((1 + (i % 4)) * (9.99 + i)).toFixed(2), currencyCode: "USD" },
      },
      merchandise: {
        __typename: "ProductVariant",
        product: {
          id: `gid://shopify/Product/${8950 + i}`,
          inIncluded: i % 3 !== 0,
          inExcluded: i % 17 === 0,
        },
      },
    })),
  },
};
const inputJson = JSON.stringify(input);

const runner = await createFunctionRunner(minified);
const first = runner.run("cartLinesDiscountsGenerateRun", input);
if (!first.ok) throw new Error(`QuickJS run failed: ${first.error}`);
const nodeOutput = cartLinesDiscountsGenerateRun(JSON.parse(inputJson) as CartLinesInput);
if (JSON.stringify(first.output) !== JSON.stringify(nodeOutput)) {
  throw new Error("QuickJS and Node disagree on the 200-line cart.");
}
console.log(
  `200-line cart: input ${Buffer.byteLength(inputJson)} bytes, output ${JSON.stringify(nodeOutput).length} bytes`,
);

let start = performance.now();
for (let i = 0; i < QUICKJS_RUNS; i++) runner.run("cartLinesDiscountsGenerateRun", input);
const quickjsUs = ((performance.now() - start) * 1000) / QUICKJS_RUNS;

// The same cart under a minimum it misses, seen by the shop's code-rejection automatic discount
// (docs/decisions/024): its index lists the campaign among as many others as fit in Shopify's
// 10,000 bytes, and its run ends in the rejection message.
const rules = readRules({
  ...input.discount.metafield.jsonValue,
  minSubtotal: { amount: "999999", eligibleOnly: false },
});
const other = readRules({ ...input.discount.metafield.jsonValue, excludeProductIds: [] });
if (!rules || !other) throw new Error("The bench's rules are invalid.");
const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const index = buildRejectionIndex([
  { rules, pattern: "SPRING-####-####", alphabet, bound: false },
  ...Array.from({ length: 60 }, (_, i) => ({
    rules: { ...other, campaignId: `cmp_other_${i}` },
    pattern: `OTHER${i}-########`,
    alphabet,
    bound: false,
  })),
]);
console.log(
  `rejection index: ${Buffer.byteLength(index.json)} bytes, ${index.listed.length} campaigns listed, ${index.leftOut.length} left out`,
);
const under = {
  ...input,
  triggeringDiscountCode: null,
  discount: { metafield: { jsonValue: JSON.parse(index.json) as unknown } },
  cart: {
    ...input.cart,
    buyerIdentity: {
      customer: {
        ...input.cart.buyerIdentity.customer,
        tags: index.index.customerTags.map((tag) => ({ hasTag: tag === "vip" })),
      },
    },
  },
};
const rejected = runner.run("cartLinesDiscountsGenerateRun", under);
if (!rejected.ok || !JSON.stringify(rejected.output).includes("enteredDiscountCodesReject")) {
  throw new Error("The under-minimum 200-line cart was not rejected with a message.");
}
start = performance.now();
for (let i = 0; i < QUICKJS_RUNS; i++) runner.run("cartLinesDiscountsGenerateRun", under);
const rejectUs = ((performance.now() - start) * 1000) / QUICKJS_RUNS;
const rejectionInputBytes = Buffer.byteLength(JSON.stringify(under));
console.log(
  `rejected 200-line cart: input ${rejectionInputBytes} bytes (Shopify's limit 64,000), ${JSON.stringify(rejected.output)}`,
);

start = performance.now();
let sink = 0;
for (let i = 0; i < NODE_RUNS; i++) {
  // Same work as inside Shopify's runtime: parse the input, run, serialise the output.
  sink += JSON.stringify(
    cartLinesDiscountsGenerateRun(JSON.parse(inputJson) as CartLinesInput),
  ).length;
}
const nodeUs = ((performance.now() - start) * 1000) / NODE_RUNS;
console.log(
  `per run: QuickJS ${quickjsUs.toFixed(0)} µs (${QUICKJS_RUNS} runs), Node ${nodeUs.toFixed(1)} µs (${NODE_RUNS} runs, ${sink > 0 ? "checked" : "empty"})`,
);

console.log(
  JSON.stringify({
    query_cost: Math.max(...costs.map((c) => c.cost)),
    query_bytes: Math.max(...costs.map((c) => c.bytes)),
    bundle_bytes: bundleBytes,
    lines: LINES,
    quickjs_us_per_run: Math.round(quickjsUs),
    quickjs_us_per_rejected_run: Math.round(rejectUs),
    rejection_index_bytes: Buffer.byteLength(index.json),
    rejection_index_campaigns: index.listed.length,
    rejection_input_bytes: rejectionInputBytes,
    node_us_per_run: Math.round(nodeUs * 10) / 10,
  }),
);
