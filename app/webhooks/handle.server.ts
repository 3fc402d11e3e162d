// Every webhook topic OneCode subscribes to, as one plain function of the delivery: the HTTP
// route is one adapter over it (decision 029). Each effect commits with the event's id, so a
// repeated delivery does nothing.
import { audit } from "../audit.server";
import { customerData } from "../compliance/customer-data.server";
import { readCustomerRequest } from "../compliance/payload";
import {
  DATA_REQUEST_ACTION,
  requestCustomerErasure,
  requestShopErasure,
  runErasures,
} from "../compliance/erasure.server";
import { afterRedemptions } from "../attribution/after-commit.server";
import { attributeRefund } from "../attribution/attribute.server";
import type { Tx } from "../db.server";
import { storableJson } from "../db/storable-text";
import { recordOnce, recordOrderEvent } from "../group-commit/commit.server";
import { fail, ok, type Failure, type Result } from "../result";
import { recordUninstall } from "../shops/shops.server";
import type { WebhookDelivery } from "./delivery";
import { parseWebhookJson } from "./json";
import { readOrder, type OrderReadCode } from "./order-payload";
import { readRefund, type RefundReadCode } from "./refund-payload";
import { tooOldToDedupe } from "./retention.server";

/** Why a delivery is recorded as handled with nothing done: a retry would fail the same way. */
export type IgnoredCode =
  | "too_old"
  | "not_json"
  | OrderReadCode
  | RefundReadCode
  | "refund_without_order"
  | "refund_without_rate"
  | "unhandled_topic";

export type WebhookOutcome =
  | { status: "processed"; topic: string; result: unknown }
  | { status: "duplicate"; topic: string }
  | ({ status: "ignored"; topic: string } & Failure<IgnoredCode>);

type Effect = (tx: Tx) => Promise<{ result: unknown }>;

const ORDER_TOPICS = new Set(["orders/create", "orders/paid", "orders/cancelled"]);

export async function handleWebhook(received: WebhookDelivery): Promise<WebhookOutcome> {
  // Made storable once for every topic: a NUL in an order's name would fail every retry.
  const delivery = { ...received, rawBody: storableJson(received.rawBody) };
  const { topic } = delivery;
  if (tooOldToDedupe(delivery.triggeredAt)) {
    console.warn(`OneCode: ${topic} from ${delivery.shop} ignored: triggered too long ago`);
    const why = fail("too_old", "Triggered longer ago than Shopify retries");
    return { status: "ignored", topic, ...why };
  }
  let payload: unknown;
  try {
    // Order bodies are the big ones: read fast, their ids come from admin_graphql_api_id.
    payload = ORDER_TOPICS.has(topic)
      ? JSON.parse(delivery.rawBody)
      : parseWebhookJson(delivery.rawBody);
  } catch {
    return ignore(delivery, fail("not_json", "The body is not JSON"));
  }
  if (ORDER_TOPICS.has(topic)) {
    let read = readOrder(payload, topic);
    // No admin_graphql_api_id and an id past 2^53: read it again, exactly.
    if (!read.ok) read = readOrder(parseWebhookJson(delivery.rawBody), topic);
    if (!read.ok) return ignore(delivery, read);
    const recorded = await recordOrderEvent(delivery, read.order);
    if (recorded.duplicate) return { status: "duplicate", topic };
    afterRedemptions(delivery.shop, recorded.value.created);
    const result = { orderId: read.order.orderId, redemptions: recorded.value.redemptions };
    return { status: "processed", topic, result };
  }
  const effect = effectOf(delivery, payload);
  if (!effect.ok) return ignore(delivery, effect);
  const recorded = await recordOnce(delivery, async (tx) => (await effect.run(tx)).result);
  if (recorded.duplicate) return { status: "duplicate", topic };
  // The erasure was recorded with the event; it is carried out after the answer.
  if (topic === "shop/redact" || topic === "customers/redact") void runErasures();
  return { status: "processed", topic, result: recorded.value };
}

/** What the delivery does inside its transaction, or why it does nothing. */
function effectOf(
  delivery: WebhookDelivery,
  payload: unknown,
): Result<{ run: Effect }, IgnoredCode> {
  const { shop, topic } = delivery;
  const run = (effect: Effect) => ok({ run: effect });
  switch (topic) {
    case "refunds/create": {
      const read = readRefund(payload);
      if (!read.ok) return read;
      const { refund } = read;
      if (!refund.orderId) return fail("refund_without_order", "The refund names no order");
      // Reconciliation reads the order's refunds in shop money and records this one then.
      if (refund.amount === null || refund.sales === null) {
        return fail(
          "refund_without_rate",
          "The refund is in the buyer's currency and shows no exchange rate",
        );
      }
      const fact = { ...refund, amount: refund.amount, sales: refund.sales };
      return run(async (tx) => ({ result: await attributeRefund(tx, shop, fact) }));
    }
    case "app/uninstalled":
      return run(async (tx) => {
        const uninstalled = await recordUninstall(shop, tx, delivery.triggeredAt);
        return { result: uninstalled ? { uninstalled: shop } : { staleBeforeInstall: shop } };
      });
    case "customers/data_request": {
      const who = readCustomerRequest(payload);
      return run(async (tx) => {
        const redemptions = await customerData(tx, shop, who);
        // The merchant sends the customer this record; it names which personal data OneCode
        // holds, not the data, so the log never outlives the customer's own erasure.
        await audit(tx, {
          shop,
          actor: "shopify",
          action: DATA_REQUEST_ACTION,
          subjectType: "Customer",
          subjectId: who.customerId ?? `data-request:${who.dataRequestId ?? delivery.eventId}`,
          details: { dataRequestId: who.dataRequestId, redemptions: redemptions.map(withoutPii) },
        });
        return { result: { redemptions } };
      });
    }
    case "customers/redact": {
      const who = readCustomerRequest(payload);
      return run(async (tx) => {
        await requestCustomerErasure(tx, shop, who);
        return { result: { erasure: "recorded" } };
      });
    }
    case "shop/redact":
      return run(async (tx) => {
        await requestShopErasure(tx, shop);
        return { result: { erasure: "recorded" } };
      });
    default:
      return fail("unhandled_topic", `OneCode does not handle ${topic}`);
  }
}

async function ignore(
  delivery: WebhookDelivery,
  why: Failure<IgnoredCode>,
): Promise<WebhookOutcome> {
  const recorded = await recordOnce(delivery, async () => null);
  if (recorded.duplicate) return { status: "duplicate", topic: delivery.topic };
  console.warn(`OneCode: ${delivery.topic} from ${delivery.shop} ignored: ${why.message}`);
  return {
    status: "ignored",
    topic: delivery.topic,
    ok: false,
    code: why.code,
    message: why.message,
  };
}

function withoutPii({
  customerId,
  customerEmail,
  ...rest
}: Awaited<ReturnType<typeof customerData>>[number]) {
  const personalData = [
    ...(customerId ? ["customer id"] : []),
    ...(customerEmail ? ["email"] : []),
  ];
  return { ...rest, personalData };
}
