// End to end through the emulator (emulator/): its checkout runs the real discount function and
// fires orders/create and orders/paid, its webhook service signs and delivers them to the app's
// routes over HTTP with Shopify's retries, and the marker write goes back through the library's
// Admin client to the emulator's Admin API.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookServer } from "./app-server";
import { installAppOnWorld } from "./installed-world";

// The app and the emulator's app registration share one configuration (shopify.app.toml with
// the env overrides), pointed at the webhook server started first.
const app = await startWebhookServer();
Object.assign(process.env, {
  SHOPIFY_API_KEY: "e2e-api-key",
  SHOPIFY_API_SECRET: "e2e-api-secret",
  SHOPIFY_APP_URL: app.url,
  SCOPES: "write_discounts,read_orders,write_customers,read_products",
});
const { testShop } = await import("../../emulator/checkout/test-shop");
const { startEmulator } = await import("../../emulator/server");
const { getMetafield, resolveNamespace } = await import("../../emulator/store/metafields");
const { RawJson } = await import("../../emulator/webhooks/json");

const world = testShop();
world.webhooks.switches.delayMs = 0;
world.webhooks.switches.retryScale = 1e-5; // Shopify's 4 hours of retries in ~0.15 s
const emulator = await startEmulator({ port: 0, state: world.state });
process.env.SHOPIFY_EMULATOR_URL = emulator.url;

const { default: db } = await import("~/db.server");
const { settled } = await import("~/attribution/after-commit.server");
const { serializeRules } = await import("@onecode/checkout-rules/rules");
const { allocateCodes, topUpAllocation } = await import("~/partners/allocate.server");
const { handOutAllocation } = await import("~/partners/hand-out.server");

const shop = world.shop.domain;
const webhooks = world.webhooks;

async function idle() {
  await webhooks.idle();
  await settled();
}

let campaignId = "";
let partnerId = "";
let allocationId = "";

beforeAll(async () => {
  await installAppOnWorld(world);
  const partner = await db.partner.create({
    data: { shop, name: `Influencer ${randomBytes(3).toString("hex")}` },
  });
  partnerId = partner.id;
  const campaign = await db.campaign.create({
    data: {
      shop,
      status: "active",
      name: "Once each",
      rules: {},
      codeFormat: { length: 10 },
      requestedCount: 3,
      startsAt: new Date("2026-01-01T00:00:00Z"),
    },
  });
  campaignId = campaign.id;
  const rules = {
    v: 1,
    campaignId,
    oncePerCustomer: true,
    reward: { kind: "amount", target: "order", value: { percent: 10 } },
  };
  const serialized = serializeRules(rules);
  if (!serialized.ok) throw new Error(JSON.stringify(serialized.errors));
  await db.campaign.update({
    where: { id: campaignId },
    data: { rules: serialized.rules as object },
  });
  const codes = ["E2E-AAAA", "E2E-BBBB", "E2E-CCCC"];
  for (const code of codes) {
    await distributedCode(code);
  }
  world.campaign(rules, codes);
});

afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => app.server.close(resolve));
});

/**
 * A code of the campaign, live in Shopify as the push leaves it, then given to the partner the
 * app's own way: allocated (the first time, or a top-up) and handed out by the allocation's CSV.
 */
async function distributedCode(code: string) {
  await db.code.create({ data: { shop, campaignId, code, pushState: "live" } });
  const given = allocationId
    ? await topUpAllocation(shop, allocationId, 1, "staff")
    : await allocateCodes(shop, { campaignId, target: { partnerId }, quantity: 1 }, "staff");
  if (!given.ok) throw new Error(given.message);
  allocationId = given.allocationId;
  const handed = await handOutAllocation(shop, allocationId, "staff");
  if (!handed.ok) throw new Error(handed.message);
}

async function checkout(code: string, email = "ada@example.com") {
  const response = await fetch(`${emulator.url}/store/${shop}/checkout`, {
    method: "POST",
    body: JSON.stringify({
      lines: [{ variantId: [...world.shop.products.values()][0]!.variants[0]!.id, quantity: 2 }],
      customerId: world.customer(email).id,
      discountCodes: [code],
    }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { order: { id: string; name: string } };
}

describe("a checkout in the emulator", () => {
  it("shows up as one paid redemption credited to the partner, and the customer's marker is written", async () => {
    const { order } = await checkout("e2e-aaaa");
    await idle();
    const rows = await db.redemption.findMany({ where: { shop, code: "E2E-AAAA" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      orderId: order.id.split("/").pop(),
      partnerId,
      allocationId,
      campaignId,
      state: "paid",
      customerId: world.customer("ada@example.com").id.split("/").pop(),
    });
    // Both topics were delivered and answered 200 at the first attempt.
    const attempts = webhooks.log.filter((a) => a.body.includes(order.id));
    expect(attempts.map((a) => [a.topic, a.status]).sort()).toEqual([
      ["orders/create", 200],
      ["orders/paid", 200],
    ]);
    const marker = getMetafield(
      world.shop,
      world.customer("ada@example.com").id,
      resolveNamespace("$app", world.app.id),
      "redeemed-campaigns",
    );
    expect(JSON.parse(marker!.value)).toEqual([campaignId]);
    // Allocated and handed out by the app's own paths: no leak alert.
    expect(await db.anomaly.count({ where: { shop, campaignId } })).toBe(0);
  });

  it("is recorded once when every event is delivered twice and in reverse order", async () => {
    webhooks.switches.duplicate = true;
    webhooks.switches.reorderBatch = 4; // create, create, paid, paid: released newest first
    try {
      const { order } = await checkout("E2E-BBBB", "grace@example.com");
      await idle();
      const delivered = webhooks.log.filter((a) => a.body.includes(order.id));
      expect(delivered.map((a) => a.topic)).toEqual([
        "orders/paid",
        "orders/paid",
        "orders/create",
        "orders/create",
      ]);
      expect(delivered.every((a) => a.status === 200)).toBe(true);
      const rows = await db.redemption.findMany({ where: { shop, code: "E2E-BBBB" } });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ state: "paid", partnerId });
      const events = await db.webhookEvent.count({
        where: { shop, eventId: { in: delivered.map((a) => `${shop}|${a.topic}|${a.eventId}`) } },
      });
      expect(events).toBe(2);
    } finally {
      webhooks.switches.duplicate = false;
      webhooks.switches.reorderBatch = 0;
    }
  });

  it("a delivery signed with another secret is refused with 401 and retried, and writes nothing", async () => {
    const body = JSON.stringify({
      id: 1,
      admin_graphql_api_id: "gid://shopify/Order/1",
      currency: "USD",
      subtotal_price: "1.00",
      total_price: "1.00",
      discount_codes: [{ code: "E2E-CCCC", amount: "1.00" }],
    });
    const before = await db.webhookEvent.count({ where: { shop } });
    const realSecret = world.app.apiSecret;
    world.app.apiSecret = "a-forger-s-guess";
    try {
      const [webhook] = webhooks.deliverWebhook(shop, "orders/create", new RawJson(body), {
        apiKey: world.app.apiKey,
      });
      await idle();
      expect(webhook!.attempts.map((a) => a.status)).toEqual(Array(9).fill(401));
      expect(webhook!.state).toBe("failed");
    } finally {
      world.app.apiSecret = realSecret;
    }
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(before);
    expect(await db.redemption.count({ where: { shop, code: "E2E-CCCC" } })).toBe(0);
  });
});

describe("an order cancelled and refunded in the emulator's admin", () => {
  it("turns the paid redemption into refunded, then cancelled, from Shopify's own webhooks", async () => {
    const code = "E2E-DDDD";
    await distributedCode(code);
    world.campaign(
      { v: 1, campaignId, reward: { kind: "amount", target: "order", value: { percent: 10 } } },
      [code],
    );
    const { order } = await checkout(code, "alan@example.com");
    await idle();
    const orderNumber = order.id.split("/").pop()!;
    const change = (action: string, body: unknown) =>
      fetch(`${emulator.url}/__emulator/shops/${shop}/orders/${orderNumber}/${action}`, {
        method: "POST",
        body: JSON.stringify(body),
      });
    expect((await change("refund", { amountCents: 1000 })).status).toBe(200);
    await idle();
    const refunded = await db.redemption.findFirstOrThrow({ where: { shop, code } });
    expect(refunded.state).toBe("partially_refunded");
    expect(refunded.refunded.toString()).toBe("10");
    expect((await change("cancel", { reason: "customer" })).status).toBe(200);
    await idle();
    const delivered = webhooks.log.filter((a) => a.body.includes(`${orderNumber}`));
    expect(new Set(delivered.map((a) => a.topic))).toEqual(
      new Set(["orders/create", "orders/paid", "refunds/create", "orders/cancelled"]),
    );
    expect(delivered.every((a) => a.status === 200)).toBe(true);
    expect(await db.redemption.findFirstOrThrow({ where: { shop, code } })).toMatchObject({
      state: "cancelled",
    });
  });
});

describe("the customer marker", () => {
  it("when Shopify's Admin API fails, the redemption still stands and the marker is written later", async () => {
    const { useAdminGraphql } = await import("~/attribution/after-commit.server");
    const { libraryAdminGraphql } = await import("~/attribution/admin-graphql.server");
    const { pendingMarkers, writePendingMarkers } =
      await import("~/attribution/customer-marker.server");
    const code = "E2E-MARK";
    await distributedCode(code);
    const rules = {
      v: 1,
      campaignId,
      oncePerCustomer: true,
      reward: { kind: "amount", target: "order", value: { percent: 10 } },
    };
    world.campaign(rules, [code]);
    const customerId = world.customer("katherine@example.com").id;
    const marker = () =>
      getMetafield(
        world.shop,
        customerId,
        resolveNamespace("$app", world.app.id),
        "redeemed-campaigns",
      );
    useAdminGraphql(async () => {
      throw new Error("503 Service Unavailable");
    });
    try {
      await checkout(code, "katherine@example.com");
      await idle();
    } finally {
      useAdminGraphql(libraryAdminGraphql);
    }
    expect(await db.redemption.count({ where: { shop, code } })).toBe(1);
    expect(marker()).toBeUndefined();
    expect(await pendingMarkers(shop)).toEqual([
      { shop, customerId: customerId.split("/").pop(), campaignId },
    ]);

    expect(await writePendingMarkers(shop)).toEqual({ written: 1, failed: 0 });
    expect(JSON.parse(marker()!.value)).toEqual([campaignId]);
    expect(await pendingMarkers(shop)).toEqual([]);
  });
});

describe("reconciliation", () => {
  it("records a checkout whose webhooks never arrived, once however often it runs", async () => {
    const { reconcileShop } = await import("~/reconcile/reconcile.server");
    const { libraryAdminGraphql } = await import("~/attribution/admin-graphql.server");
    const code = "E2E-RECON";
    await distributedCode(code);
    world.campaign(
      { v: 1, campaignId, reward: { kind: "amount", target: "order", value: { percent: 10 } } },
      [code],
    );
    webhooks.switches.reorderBatch = 1_000; // held: Shopify never delivers them
    let order: { id: string };
    try {
      ({ order } = await checkout(code, "alan@example.com"));
    } finally {
      webhooks.switches.reorderBatch = 0;
    }
    expect(await db.redemption.count({ where: { shop, code } })).toBe(0);
    const since = new Date(world.state.now() - 3_600_000);
    const first = await reconcileShop(shop, since, libraryAdminGraphql);
    expect(first.redemptionsCreated).toBe(1);
    const again = await reconcileShop(shop, since, libraryAdminGraphql);
    expect(again.redemptionsCreated).toBe(0);
    const rows = await db.redemption.findMany({ where: { shop, code } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ orderId: order.id.split("/").pop(), partnerId, state: "paid" });
    // The held webhooks arrive after all (late): still one redemption.
    webhooks.flushHeld();
    await idle();
    expect(await db.redemption.count({ where: { shop, code } })).toBe(1);
  });
});

describe("the app killed mid-burst", () => {
  it("loses no redemption once Shopify retries", async () => {
    const port = await freePort();
    const burst = 40;
    const codes = Array.from({ length: burst }, (_, i) => `KILL-${i}`);
    for (const code of codes) {
      await distributedCode(code);
    }
    // A second app process, so the kill is a real SIGKILL of a process mid-request.
    let child = await startAppProcess(port);
    const appUrl = `http://127.0.0.1:${port}`;
    world.webhooks.switches.retryScale = 5e-4; // first retry after ~28 ms, the 8th after ~7 s
    const base = {
      currency: "USD",
      subtotal_price: "50.00",
      total_price: "45.00",
      name: "#K",
      created_at: new Date().toISOString(),
    };
    const fire = (code: string, i: number) => {
      const id = `9007199254741${String(i).padStart(3, "0")}`; // past 2^53
      const body = `{"id":${id},"admin_graphql_api_id":"gid://shopify/Order/${id}",${JSON.stringify(base).slice(1, -1)},"discount_codes":[{"code":"${code}","amount":"5.00","type":"fixed_amount"}]}`;
      const [webhook] = webhooks.deliverWebhook(shop, "orders/create", new RawJson(body), {
        apiKey: world.app.apiKey,
      });
      webhook!.url = `${appUrl}/webhooks/orders/create`;
      return webhook!;
    };
    // The burst straddles the kill: its first half is under way when the process dies (some
    // answered, some in flight), its second half is sent while no process is listening.
    const half = burst / 2;
    const before = codes.slice(0, half).map((code, i) => fire(code, i));
    while (webhooks.log.filter((a) => a.url.startsWith(appUrl) && a.ok).length < 5) await sleep(5);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    const after = codes.slice(half).map((code, i) => fire(code, half + i));
    const fired = [...before, ...after];
    await sleep(300);
    child = await startAppProcess(port);
    try {
      await webhooks.idle();
      expect(fired.every((w) => w.state === "delivered")).toBe(true);
      // Sent to no process, each was answered only by a retry.
      expect(after.every((w) => w.attempts.length > 1)).toBe(true);
      const rows = await db.redemption.findMany({ where: { shop, code: { in: codes } } });
      expect(rows).toHaveLength(burst);
      expect(new Set(rows.map((r) => r.orderId)).size).toBe(burst);
      expect(rows.every((r) => r.orderId.startsWith("9007199254741"))).toBe(true);
    } finally {
      child.kill("SIGKILL");
    }
  });
});

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startAppProcess(port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", new URL("./app-server.ts", import.meta.url).pathname],
    { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("listening")) resolve();
    });
    child.on("exit", (code) =>
      reject(new Error(`The app process exited (${code}) before listening`)),
    );
  });
  return child;
}
