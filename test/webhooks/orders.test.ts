// Order webhooks through the real route actions and the library's HMAC check, on the run's real
// database: attribution, idempotency, out-of-order and late deliveries, forged signatures.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { configureApp, deliver, sample } from "./signed-delivery";
import { newShop, seedCampaign } from "./seed";
import { ORDER_ID, orderBody, REFUND_AMOUNT, refundBody, withCodes } from "./order-bodies";

configureApp();
const { default: db } = await import("~/db.server");
const { settled } = await import("~/attribution/after-commit.server");

async function redemptions(shop: string) {
  return db.redemption.findMany({ where: { shop }, orderBy: { code: "asc" } });
}

describe("orders/create", () => {
  it("records each of our codes as a redemption credited to the code's campaign, allocation and partner", async () => {
    const seeded = await seedCampaign(newShop("attr"));
    const response = await deliver("orders/create", orderBody("created"), { shop: seeded.shop });
    expect(response.status).toBe(200);

    const [row, ...rest] = await redemptions(seeded.shop);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      campaignId: seeded.campaignId,
      allocationId: seeded.allocationId,
      partnerId: seeded.partnerId,
      codeId: seeded.codes[0]!.id,
      code: "TENOFF",
      orderId: ORDER_ID,
      orderName: "#1001",
      customerId: "207119551",
      customerEmail: "bob.norman@mail.example.com",
      currency: "USD",
      state: "created",
    });
    expect(row!.subtotal.toString()).toBe("597");
    expect(row!.total.toString()).toBe("598.94");
    // The sum of the line allocations of the TENOFF application, in shop money.
    expect(row!.discount.toString()).toBe("10");
    const code = await db.code.findUniqueOrThrow({ where: { id: seeded.codes[0]!.id } });
    expect(code.status).toBe("redeemed");
    expect(code.redeemedAt).not.toBeNull();
    await settled();
  });

  it("keeps Shopify's ids past 2^53 exact (Shopify's own sample order)", async () => {
    const seeded = await seedCampaign(newShop("bigids"));
    // Shopify's documented sample, with a code added as text so no number is ever re-serialized.
    const body = sample("orders-create.json").replace(
      '"discount_codes": []',
      '"discount_codes": [{"code": "tenoff", "amount": "20.00", "type": "fixed_amount"}]',
    );
    expect(body).toContain("820982911946154508");
    expect((await deliver("orders/create", body, { shop: seeded.shop })).status).toBe(200);
    const [row] = await redemptions(seeded.shop);
    expect(row).toMatchObject({ orderId: "820982911946154508", customerId: "115310627314723954" });
    // The sample is a cancelled, voided order: its state says so whatever topic carried it.
    expect(row!.state).toBe("cancelled");
  });

  it("matches codes without regard to case and ignores codes that are not ours", async () => {
    const seeded = await seedCampaign(newShop("case"), { codes: ["SPRING-AAA", "SPRING-BBB"] });
    const body = withCodes(["spring-aaa", "WELCOME10", " Spring-BBB "]);
    expect((await deliver("orders/create", body, { shop: seeded.shop })).status).toBe(200);
    const rows = await redemptions(seeded.shop);
    expect(rows.map((r) => r.code)).toEqual(["SPRING-AAA", "SPRING-BBB"]);
    // One order, two of our codes: its amounts are split so sums over redemptions stay true.
    const total = rows.reduce((sum, r) => sum + Number(r.total.toString()), 0);
    expect(total).toBeCloseTo(598.94, 2);
  });

  it("does nothing for an order without any of our codes, yet remembers the event", async () => {
    const seeded = await seedCampaign(newShop("none"));
    const eventId = randomUUID();
    const body = withCodes(["SOMEONE-ELSES"]);
    expect((await deliver("orders/create", body, { shop: seeded.shop, eventId })).status).toBe(200);
    expect(await redemptions(seeded.shop)).toEqual([]);
    expect(await db.webhookEvent.count({ where: { shop: seeded.shop } })).toBe(1);
  });
});

describe("a repeated delivery", () => {
  it("is answered 200 and changes nothing", async () => {
    const seeded = await seedCampaign(newShop("dupe"));
    const eventId = randomUUID();
    const body = orderBody("created");
    const first = await deliver("orders/create", body, { shop: seeded.shop, eventId });
    const before = await redemptions(seeded.shop);
    // Shopify's retry: same event id and body, its own webhook id.
    const again = await deliver("orders/create", body, { shop: seeded.shop, eventId });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await redemptions(seeded.shop)).toEqual(before);
    expect(await db.webhookEvent.count({ where: { shop: seeded.shop } })).toBe(1);
    expect(await db.anomaly.count({ where: { shop: seeded.shop } })).toBe(0);
  });

  it("of every topic is a no-op the second time", async () => {
    const seeded = await seedCampaign(newShop("dupe-all"));
    const bodies: [string, string][] = [
      ["orders/create", orderBody("created")],
      ["orders/paid", orderBody("paid")],
      ["refunds/create", refundBody()],
      ["orders/cancelled", orderBody("cancelled")],
    ];
    for (const [topic, body] of bodies) {
      const eventId = randomUUID();
      await deliver(topic, body, { shop: seeded.shop, eventId });
      const once = await redemptions(seeded.shop);
      const ledger = await db.auditLog.count({ where: { shop: seeded.shop } });
      expect((await deliver(topic, body, { shop: seeded.shop, eventId })).status).toBe(200);
      expect(await redemptions(seeded.shop)).toEqual(once);
      expect(await db.auditLog.count({ where: { shop: seeded.shop } })).toBe(ledger);
    }
    expect(await db.webhookEvent.count({ where: { shop: seeded.shop } })).toBe(4);
  });

  it("arriving at the same time as the first is still counted once", async () => {
    const seeded = await seedCampaign(newShop("race"));
    const eventId = randomUUID();
    const body = orderBody("created");
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        deliver("orders/create", body, { shop: seeded.shop, eventId }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await redemptions(seeded.shop)).toHaveLength(1);
    expect(await db.webhookEvent.count({ where: { shop: seeded.shop } })).toBe(1);
  });
});

describe("a forged signature", () => {
  it("is refused with 401 and nothing is written", async () => {
    const seeded = await seedCampaign(newShop("forged"));
    for (const topic of [
      "orders/create",
      "orders/paid",
      "orders/cancelled",
      "refunds/create",
      "app/uninstalled",
      "customers/redact",
      "shop/redact",
    ]) {
      const body = topic === "refunds/create" ? refundBody() : orderBody("created");
      const response = await deliver(topic, body, {
        shop: seeded.shop,
        secret: "not-the-app-secret",
      });
      expect(response.status, topic).toBe(401);
    }
    expect(await db.webhookEvent.count({ where: { shop: seeded.shop } })).toBe(0);
    expect(await redemptions(seeded.shop)).toEqual([]);
    expect(await db.shop.findUnique({ where: { domain: seeded.shop } })).toMatchObject({
      state: "installed",
    });
  });

  it("is refused when the body was changed after signing", async () => {
    const seeded = await seedCampaign(newShop("tamper"));
    const { signedRequest } = await import("./signed-delivery");
    const genuine = signedRequest("orders/create", orderBody("created"), { shop: seeded.shop });
    const tampered = new Request(genuine.url, {
      method: "POST",
      headers: genuine.headers,
      body: orderBody("created", { total_price: "0.01" }),
    });
    const route = await import("~/routes/webhooks.orders.create");
    const outcome = await route
      .action({ request: tampered, params: {}, context: {} })
      .catch((r: unknown) => r);
    expect((outcome as Response).status).toBe(401);
    expect(await db.webhookEvent.count({ where: { shop: seeded.shop } })).toBe(0);
  });
});

describe("out-of-order and late deliveries", () => {
  const events: Record<string, [string, () => string]> = {
    create: ["orders/create", () => orderBody("created")],
    paid: ["orders/paid", () => orderBody("paid")],
    refund: ["refunds/create", refundBody],
    cancel: ["orders/cancelled", () => orderBody("cancelled")],
  };

  async function finalState(order: string[]) {
    const seeded = await seedCampaign(newShop("order"));
    for (const name of order) {
      const [topic, body] = events[name]!;
      expect((await deliver(topic, body(), { shop: seeded.shop })).status).toBe(200);
    }
    const rows = await redemptions(seeded.shop);
    expect(rows).toHaveLength(1);
    const { state, refunded, total, partnerId, customerId } = rows[0]!;
    return {
      state,
      refunded: refunded.toString(),
      total: total.toString(),
      partner: partnerId === seeded.partnerId,
      customerId,
    };
  }

  it("converge on one state in every order of create, paid and refund", async () => {
    const expected = {
      state: "partially_refunded",
      refunded: "209",
      total: "598.94",
      partner: true,
      customerId: "207119551",
    };
    for (const order of permutations(["create", "paid", "refund"])) {
      expect(await finalState(order), order.join(" → ")).toEqual(expected);
    }
  });

  it("converge when the cancel comes before the create", async () => {
    const inOrder = await finalState(["create", "paid", "cancel"]);
    expect(inOrder.state).toBe("cancelled");
    for (const order of permutations(["create", "paid", "cancel"])) {
      expect(await finalState(order), order.join(" → ")).toEqual(inOrder);
    }
  });

  it("count a refund that arrives twice, or also inside a later order body, once", async () => {
    const seeded = await seedCampaign(newShop("refund-twice"));
    await deliver("refunds/create", refundBody(), { shop: seeded.shop });
    await deliver("refunds/create", refundBody(), { shop: seeded.shop });
    // The paid body as Shopify sends it later: it lists the same refund in `refunds`.
    const refunds = [JSON.parse(refundBody()) as unknown];
    await deliver("orders/paid", orderBody("paid", { refunds }), { shop: seeded.shop });
    const [row] = await redemptions(seeded.shop);
    expect(row!.refunded.toString()).toBe(REFUND_AMOUNT.replace(".00", ""));
  });

  it("forget a refund of an order that never turned out to be ours, once it cannot arrive", async () => {
    const { pruneForeignRefunds } = await import("~/attribution/refund-ledger.server");
    const seeded = await seedCampaign(newShop("prune"));
    const foreign = JSON.stringify({ ...JSON.parse(refundBody()), order_id: 777, id: 778 });
    await deliver("refunds/create", foreign, { shop: seeded.shop });
    await deliver("refunds/create", refundBody(), { shop: seeded.shop });
    await deliver("orders/create", orderBody("created"), { shop: seeded.shop });
    const ledger = () =>
      db.auditLog.findMany({ where: { shop: seeded.shop, action: "order_refund" } });
    expect((await ledger()).map((r) => r.subjectId).sort()).toEqual([ORDER_ID, "777"]);
    expect(await pruneForeignRefunds(db, seeded.shop, new Date(Date.now() + 1000))).toBe(1);
    expect((await ledger()).map((r) => r.subjectId)).toEqual([ORDER_ID]);
    const [row] = await redemptions(seeded.shop);
    expect(row!.refunded.toString()).toBe("209");
  });

  it("process a delivery hours late and keep when Shopify fired it", async () => {
    const seeded = await seedCampaign(newShop("late"));
    const triggeredAt = new Date(Date.now() - 4 * 3_600_000).toISOString();
    const response = await deliver("orders/create", orderBody("created"), {
      shop: seeded.shop,
      triggeredAt,
    });
    expect(response.status).toBe(200);
    expect(await redemptions(seeded.shop)).toHaveLength(1);
    const event = await db.webhookEvent.findFirstOrThrow({ where: { shop: seeded.shop } });
    expect(event.triggeredAt?.toISOString()).toBe(triggeredAt);
  });
});

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}
