import {
  loadInputQuery,
  loadSchema,
  validateFixtureInput,
} from "@shopify/shopify-function-test-helpers";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { bindCode } from "@onecode/checkout-rules/bound-code";
import { codesOfDiscount } from "../store/discounts";
import { listOrders } from "../store/orders";
import { Router } from "../router";
import type { CheckoutRequest } from "./cart";
import { runCheckout } from "./checkout";
import { FunctionRegistry } from "./functions";
import { mountCheckout } from "./index";
import { testShop } from "./test-shop";

const registry = new FunctionRegistry();
const KEY = "a1".repeat(32);
const percentOff = (percent: number) => ({ kind: "amount", target: "order", value: { percent } });

let ctx: ReturnType<typeof testShop>;
afterEach(() => ctx?.webhooks.close());

// Orders placed by the test (the demo shop is seeded with a returning customer's two orders).
function newOrders() {
  return listOrders(ctx.shop).filter((order) => order.discountCodes.length > 0);
}

function checkout(body: CheckoutRequest) {
  return runCheckout(ctx.state, registry, ctx.shop.domain, body);
}

describe("checkout", () => {
  it("lets exactly one of two racing checkouts use a single-use code", async () => {
    ctx = testShop();
    const discount = ctx.campaign({ reward: percentOff(10) }, ["RACE-ONE"]);
    const cart = { lines: [ctx.line("Classic Tee")], discountCodes: ["race-one"] };
    const results = await Promise.all([
      checkout(cart),
      checkout({ ...cart, email: "someone@example.com" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(results.find((r) => r.status === 422)?.body.errors).toEqual([
      { code: "RACE-ONE", message: "Discount code usage limit has been reached" },
    ]);
    expect(newOrders()).toHaveLength(1);
    expect(codesOfDiscount(ctx.shop, discount.id)[0]?.asyncUsageCount).toBe(1);
  });

  it("refuses a second use of a code by Shopify's native usage limit", async () => {
    ctx = testShop();
    ctx.campaign({ reward: percentOff(10) }, ["ONCE-ONLY"]);
    const cart = { lines: [ctx.line("Canvas Tote")], discountCodes: ["ONCE-ONLY"] };
    expect((await checkout(cart)).status).toBe(201);
    const second = await checkout(cart);
    expect(second.status).toBe(422);
    expect(second.body.errors).toEqual([
      { code: "ONCE-ONLY", message: "Discount code usage limit has been reached" },
    ]);
    expect(newOrders()).toHaveLength(1);
  });

  it("refuses a code that does not exist, in Shopify's words", async () => {
    ctx = testShop();
    const result = await checkout({ lines: [ctx.line("Canvas Tote")], discountCodes: ["NOPE"] });
    expect(result.body.errors).toEqual([{ code: "NOPE", message: "Enter a valid discount code" }]);
  });

  it("gives a bound code's discount to its customer only, and tells the others why not", async () => {
    ctx = testShop();
    const ada = ctx.customer("ada@example.com");
    const code = bindCode(KEY, "VIP-7KQ2-M9XD", ada.id)!;
    const rules = { boundKey: KEY, reward: percentOff(20) };
    ctx.campaign(rules, [code], { usageLimit: 3 });
    ctx.rejectionDiscount([{ rules, pattern: "VIP-####-####" }]);
    const cart = { lines: [ctx.line("Heavyweight Hoodie")], discountCodes: [code.toLowerCase()] };

    const grace = await checkout({ ...cart, customerId: ctx.customer("grace@example.com").id });
    expect(grace.status).toBe(422);
    expect(grace.body.errors).toEqual([
      { code: code.toLowerCase(), message: "This code belongs to another account." },
    ]);
    const guest = await checkout({ ...cart, customerId: null, email: "guest@example.com" });
    expect(guest.status).toBe(422);
    expect(guest.body.errors).toEqual([
      { code: code.toLowerCase(), message: "Sign in to your account to use this code." },
    ]);

    const own = await checkout({ ...cart, customerId: ada.id });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ subtotal: "65.00", totalDiscounts: "13.00", total: "57.00" });
    expect(newOrders()).toHaveLength(1);
  });

  it("gives an excluded product no discount", async () => {
    ctx = testShop();
    const mug = ctx.product("Enamel Mug");
    ctx.campaign(
      {
        excludeProductIds: [mug.id],
        reward: { kind: "amount", target: "eligible", value: { percent: 50 } },
      },
      ["HALF-OFF", "HALF-OFF-2"],
    );
    const onlyExcluded = await checkout({
      lines: [ctx.line("Enamel Mug")],
      discountCodes: ["HALF-OFF"],
    });
    expect(onlyExcluded.status).toBe(422);

    const mixed = await checkout({
      lines: [ctx.line("Enamel Mug", 2), ctx.line("Sticker Pack")],
      discountCodes: ["HALF-OFF-2"],
    });
    expect(mixed.status).toBe(201);
    const lines = mixed.body.lines as { title: string; discount: string }[];
    expect(lines).toEqual([
      expect.objectContaining({ title: "Enamel Mug", discount: "0.00" }),
      expect.objectContaining({ title: "Sticker Pack", discount: "2.50" }),
    ]);
  });

  it("fires orders/create and orders/paid shaped like Shopify's order payloads", async () => {
    ctx = testShop();
    const ada = ctx.customer("ada@example.com");
    ctx.campaign({ reward: { kind: "amount", target: "order", value: { amount: "10" } } }, [
      "TENOFF",
    ]);
    const result = await checkout({
      lines: [ctx.line("Classic Tee", 2), ctx.line("Canvas Tote")],
      customerId: ada.id,
      discountCodes: ["TenOff"],
    });
    expect(result.status).toBe(201);
    const sent = ctx.webhooks.all();
    expect(sent.map((w) => w.topic)).toEqual(["orders/create", "orders/paid"]);
    const payload = JSON.parse(sent[0]!.body);
    expect(payload.admin_graphql_api_id).toMatch(/^gid:\/\/shopify\/Order\/\d+$/);
    expect(payload.discount_codes).toEqual([
      { code: "TENOFF", amount: "10.00", type: "fixed_amount" },
    ]);
    expect(payload.discount_applications).toEqual([
      {
        target_type: "line_item",
        type: "discount_code",
        value: "10.00",
        value_type: "fixed_amount",
        allocation_method: "across",
        target_selection: "all",
        code: "TENOFF",
      },
    ]);
    const allocations = payload.line_items.map(
      (l: { discount_allocations: { amount: string }[] }) =>
        l.discount_allocations.map((a) => a.amount),
    );
    expect(allocations).toEqual([["6.25"], ["3.75"]]);
    expect(payload.customer.admin_graphql_api_id).toBe(ada.id);
    expect(payload).toMatchObject({
      total_discounts: "10.00",
      subtotal_price: "70.00",
      total_price: "75.00",
    });
    expect(sent[1]!.body).toBe(sent[0]!.body);
  });

  it("gives free shipping through the delivery target", async () => {
    ctx = testShop();
    ctx.campaign(
      { minSubtotal: { amount: "20", eligibleOnly: false }, reward: { kind: "freeShipping" } },
      ["SHIPFREE"],
    );
    const result = await checkout({
      lines: [ctx.line("Classic Tee")],
      discountCodes: ["SHIPFREE"],
    });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ shipping: "5.00", totalDiscounts: "5.00", total: "25.00" });
    const payload = JSON.parse(ctx.webhooks.all()[0]!.body);
    expect(payload.discount_codes).toEqual([
      { code: "SHIPFREE", amount: "5.00", type: "shipping" },
    ]);
    expect(payload.shipping_lines[0]).toMatchObject({ price: "5.00", discounted_price: "0.00" });
  });

  it("builds the function input by executing the function's own query", async () => {
    ctx = testShop();
    const apparel = [...ctx.shop.collections.values()].find((c) => c.title === "Apparel")!;
    ctx.campaign(
      { includeCollectionIds: [apparel.id], requiredCustomerTags: ["VIP"], reward: percentOff(5) },
      ["QUERY-CHECK"],
    );
    const result = await checkout({
      lines: [ctx.line("Classic Tee"), ctx.line("Enamel Mug")],
      customerId: ctx.customer("ada@example.com").id,
      discountCodes: ["QUERY-CHECK"],
      preview: true,
    });
    expect(result.status).toBe(200);
    interface LoggedInput {
      enteredDiscountCodes: { code: string; rejectable: boolean }[];
      localization: { language: { isoCode: string } };
      cart: {
        buyerIdentity: { customer: { tags: { hasTag: boolean }[] } };
        lines: { merchandise: { product: { inIncluded: boolean } } }[];
      };
      discount: { metafield: { jsonValue: { campaignId: string } } };
    }
    const [log] = result.body.functionLogs as { target: string; input: LoggedInput }[];
    const extensionDir = new URL("../../extensions/onecode-discount/", import.meta.url).pathname;
    const schema = await loadSchema(`${extensionDir}schema.graphql`);
    const query = await loadInputQuery(
      `${extensionDir}src/cart_lines_discounts_generate_run.graphql`,
    );
    expect(validateFixtureInput(query, schema, log!.input).errors).toEqual([]);
    expect(log!.input.cart.buyerIdentity.customer.tags).toEqual([{ hasTag: true }]);
    expect(log!.input.enteredDiscountCodes).toEqual([{ code: "QUERY-CHECK", rejectable: true }]);
    expect(log!.input.localization).toEqual({ language: { isoCode: "EN" } });
    expect(log!.input.cart.lines.map((l) => l.merchandise.product.inIncluded)).toEqual([
      true,
      false,
    ]);
    expect(log!.input.discount.metafield.jsonValue.campaignId).toBe("cmp_test");
  });
});

describe("a code the discount function rejects", () => {
  const tee = () => ctx.line("Classic Tee");

  it("shows the function's message: what is missing, in the cart's currency and language", async () => {
    ctx = testShop();
    const rules = { minSubtotal: { amount: "50", eligibleOnly: false }, reward: percentOff(10) };
    ctx.campaign(rules, ["SPEND-50"]);
    ctx.rejectionDiscount([{ rules, pattern: "SPEND-##" }]);
    // 25.00 USD at 0.5 is 12.50 EUR; the minimum, 50 USD, is 25.00 EUR.
    const cart = {
      lines: [tee()],
      discountCodes: ["spend-50"],
      presentmentCurrency: "EUR",
      presentmentCurrencyRate: "0.5",
    };
    const english = await checkout(cart);
    expect(english.status).toBe(422);
    expect(english.body.errors).toEqual([
      { code: "spend-50", message: "Add 12.50 EUR more to use this code." },
    ]);
    const french = await checkout({ ...cart, language: "FR" });
    expect(french.body.errors).toEqual([
      { code: "spend-50", message: "Ajoutez encore 12,50 EUR pour utiliser ce code." },
    ]);
    expect(newOrders()).toHaveLength(0);
  });

  it("asks a guest to sign in for a once-per-customer campaign", async () => {
    ctx = testShop();
    const rules = { campaignId: "cmp_once", oncePerCustomer: true, reward: percentOff(10) };
    ctx.campaign(rules, ["ONCE-EACH"]);
    ctx.rejectionDiscount([{ rules, pattern: "ONCE-####" }]);
    const result = await checkout({ lines: [tee()], discountCodes: ["ONCE-EACH"] });
    expect(result.body.errors).toEqual([
      { code: "ONCE-EACH", message: "Sign in to your account to use this code." },
    ]);
  });

  it("lists a code whose discount already applied as not rejectable to the next code's function", async () => {
    ctx = testShop();
    const combines = {
      combinesWith: { productDiscounts: true, orderDiscounts: true, shippingDiscounts: true },
    };
    ctx.campaign({ reward: percentOff(10) }, ["FIRST-10"], combines);
    const big = { minSubtotal: { amount: "500", eligibleOnly: false }, reward: percentOff(5) };
    ctx.campaign(big, ["BIG-SPENDER"], combines);
    ctx.rejectionDiscount([
      { rules: { reward: percentOff(10) }, pattern: "FIRST-##" },
      { rules: big, pattern: "BIG-#######" },
    ]);
    const result = await checkout({
      lines: [tee()],
      discountCodes: ["FIRST-10", "BIG-SPENDER"],
      preview: true,
    });
    expect(result.body.errors).toEqual([
      { code: "BIG-SPENDER", message: "Add 475.00 USD more to use this code." },
    ]);
    expect(result.body.discountCodes).toEqual([{ code: "FIRST-10", amount: "2.50" }]);
    const logs = result.body.functionLogs as {
      code: string;
      input: { enteredDiscountCodes: unknown };
    }[];
    expect(logs.find((log) => log.code === "BIG-SPENDER")!.input.enteredDiscountCodes).toEqual([
      { code: "FIRST-10", rejectable: false },
      { code: "BIG-SPENDER", rejectable: true },
    ]);
    // The automatic discount's run sees the same, and rejects only the code that may be.
    const automatic = logs.find((log) => log.code === null) as unknown as {
      input: { triggeringDiscountCode: unknown; enteredDiscountCodes: unknown };
      output: unknown;
    };
    expect(automatic.input.triggeringDiscountCode).toBeNull();
    expect(automatic.input.enteredDiscountCodes).toEqual([
      { code: "FIRST-10", rejectable: false },
      { code: "BIG-SPENDER", rejectable: true },
    ]);
    expect(automatic.output).toEqual({
      operations: [
        {
          enteredDiscountCodesReject: {
            codes: [{ code: "BIG-SPENDER" }],
            message: "Add 475.00 USD more to use this code.",
          },
        },
      ],
    });
  });

  it("says Shopify's own words when the shop has no rejection discount", async () => {
    ctx = testShop();
    ctx.campaign({ oncePerCustomer: true, reward: percentOff(10) }, ["ONCE-ALONE"]);
    const result = await checkout({ lines: [tee()], discountCodes: ["ONCE-ALONE"] });
    expect(result.body.errors).toEqual([
      {
        code: "ONCE-ALONE",
        message: "Your cart does not meet the requirements for the ONCE-ALONE discount code",
      },
    ]);
  });

  it("runs no rejection discount the merchant ended", async () => {
    ctx = testShop();
    const rules = { oncePerCustomer: true, reward: percentOff(10) };
    ctx.campaign(rules, ["ONCE-ENDED"]);
    const rejection = ctx.rejectionDiscount([{ rules, pattern: "ONCE-#####" }]);
    rejection.endsAt = "2026-02-01T00:00:00Z";
    const result = await checkout({ lines: [tee()], discountCodes: ["ONCE-ENDED"] });
    expect(result.body.errors).toEqual([
      {
        code: "ONCE-ENDED",
        message: "Your cart does not meet the requirements for the ONCE-ENDED discount code",
      },
    ]);
  });
});

describe("a rejection from a code discount's own run", () => {
  // A function that rejects the code of the code discount running it: output Shopify allows
  // only from a function backed by an automatic discount.
  const dir = mkdtempSync(path.join(fileURLToPath(new URL("../../", import.meta.url)), ".ext-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("counts as invalid output: the code gets Shopify's own words", async () => {
    const real = fileURLToPath(new URL("../../extensions/onecode-discount/", import.meta.url));
    const ext = path.join(dir, "onecode-discount");
    mkdirSync(path.join(ext, "src"), { recursive: true });
    for (const file of [
      "shopify.extension.toml",
      "schema.graphql",
      "src/cart_lines_discounts_generate_run.graphql",
      "src/cart_delivery_options_discounts_generate_run.graphql",
    ]) {
      copyFileSync(path.join(real, file), path.join(ext, file));
    }
    writeFileSync(
      path.join(ext, "src/index.ts"),
      [
        "export function cartLinesDiscountsGenerateRun(input: { triggeringDiscountCode: string }) {",
        "  const codes = [{ code: input.triggeringDiscountCode }];",
        '  return { operations: [{ enteredDiscountCodesReject: { codes, message: "Not today." } }] };',
        "}",
        "export function cartDeliveryOptionsDiscountsGenerateRun() {",
        "  return { operations: [] };",
        "}",
      ].join("\n"),
    );
    ctx = testShop();
    ctx.campaign({ reward: percentOff(10) }, ["CODE-RUN"]);
    const result = await runCheckout(ctx.state, new FunctionRegistry(dir), ctx.shop.domain, {
      lines: [ctx.line("Classic Tee")],
      discountCodes: ["CODE-RUN"],
    });
    expect(result.body.errors).toEqual([
      {
        code: "CODE-RUN",
        message: "Your cart does not meet the requirements for the CODE-RUN discount code",
      },
    ]);
    const [log] = result.body.functionLogs as { error: string | null }[];
    expect(log!.error).toBe(
      "Invalid function output: enteredDiscountCodesReject can only be used if the function is backed by an automatic discount.",
    );
  });
});

describe("checkout over HTTP", () => {
  it("serves the page and answers a cart", async () => {
    ctx = testShop();
    const router = new Router();
    mountCheckout(router, {
      state: ctx.state,
      baseUrl: () => "http://localhost",
      onClose: () => {},
      inspect: () => {},
    });
    const call = async (method: string, body?: string) => {
      const url = new URL(`http://localhost/store/${ctx.shop.domain}/checkout`);
      const match = router.match(method, url.pathname);
      if (!match || match === "method") throw new Error("no route");
      return match.handler(new Request(url, { method, body }), { params: match.params, url });
    };
    const page = await call("GET");
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toContain("Classic Tee");
    expect((await call("POST", "not json")).status).toBe(400);
    const placed = await call("POST", JSON.stringify({ lines: [ctx.line("Sticker Pack")] }));
    expect(placed.status).toBe(201);
  });
});
