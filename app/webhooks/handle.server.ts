// Every webhook topic OneCode subscribes to, as one plain function of the delivery (shop, topic,
// body, event id): the HTTP routes are one adapter over it, and Pub/Sub or EventBridge could be
// another (decision 029). Each topic's effect commits with the event's id (recordOnce), so a
// repeated delivery is answered and does nothing.
import { customerData } from "../compliance/customer-data.server";
import { readCustomerRequest } from "../compliance/payload";
import {
  DATA_REQUEST_ACTION,
  requestCustomerErasure,
  requestShopErasure,
  runErasures,
} from "../compliance/erasure.server";
import { recordUninstall } from "../shops/shops.server";
import { afterRedemptions } from "../attribution/after-commit.server";
import { attributeRefund } from "../attribution/attribute.server";
import { storableJson } from "../db/storable-text";
import type { WebhookDelivery } from "./delivery";
import { recordOnce, recordOrderEvent } from "../group-commit/commit.server";
import { readOrder } from "./order-payload";
import type { Tx } from "../db.server";
import { readRefund } from "./refund-payload";
import { parseWebhookJson } from "./json";
import { tooOldToDedupe } from "./retention.server";

export type WebhookOutcome =
  | { status: "processed"; topic: string; result: unknown }
  | { status: "duplicate"; topic: string }
  // Recorded as handled, with nothing to do: a body we cannot use would fail the same way on
  // every one of Shopify's retries, so retrying it helps nobody.
  | { status: "ignored"; topic: string; reason: string };

type Effect = (tx: Tx) => Promise<{ result: unknown }>;

const ORDER_TOPICS = new Set(["orders/create", "orders/paid", "orders/cancelled"]);

export async function handleWebhook(received: WebhookDelivery): Promise<WebhookOutcome> {
  // Whatever text the body carries reaches the database: made storable first, once, for every
  // topic (a NUL in an order's name would otherwise fail the transaction on every retry).
  const delivery = { ...received, rawBody: storableJson(received.rawBody) };
  const { topic } = delivery;
  if (tooOldToDedupe(delivery.triggeredAt)) {
    console.warn(`OneCode: ${topic} from ${delivery.shop} ignored: triggered too long ago`);
    return { status: "ignored", topic, reason: "Triggered longer ago than Shopify retries" };
  }
  let payload: unknown;
  try {
    // Order bodies are the big ones: read fast, their ids come from the admin_graphql_api_id
    // strings. Other bodies carry bare ids only (refunds' order_id, compliance customer ids).
    payload = ORDER_TOPICS.has(topic)
      ? JSON.parse(delivery.rawBody)
      : parseWebhookJson(delivery.rawBody);
  } catch {
    return ignore(delivery, "The body is not JSON");
  }
  if (ORDER_TOPICS.has(topic)) {
    let read = readOrder(payload, topic);
    // No admin_graphql_api_id and an id past 2^53: read it again, exactly.
    if (!read.ok) read = readOrder(parseWebhookJson(delivery.rawBody), topic);
    if (!read.ok) return ignore(delivery, read.error);
    const recorded = await recordOrderEvent(delivery, read.order);
    if (recorded.duplicate) return { status: "duplicate", topic };
    afterRedemptions(delivery.shop, recorded.value.created);
    const result = { orderId: read.order.orderId, redemptions: recorded.value.redemptions };
    return { status: "processed", topic, result };
  }
  const effect = effectOf(delivery, payload);
  if (typeof effect === "string") return ignore(delivery, effect);
  const recorded = await recordOnce(delivery, async (tx) => (await effect(tx)).result);
  if (recorded.duplicate) return { status: "duplicate", topic };
  // The erasure was recorded with the event; it is carried out after the answer.
  if (topic === "shop/redact" || topic === "customers/redact") void runErasures();
  return { status: "processed", topic, result: recorded.value };
}

function effectOf(delivery: WebhookDelivery, payload: unknown): Effect | string {
  const { shop, topic } = delivery;
  switch (topic) {
    case "refunds/create": {
      const read = readRefund(payload);
      if (!read.ok) return read.error;
      const { refund } = read;
      if (!refund.orderId) return "The refund names no order";
      // Reconciliation reads the order's refunds in shop money and records this one then.
      if (refund.amount === null || refund.sales === null) {
        return "The refund is in the buyer's currency and shows no exchange rate";
      }
      const fact = { ...refund, amount: refund.amount, sales: refund.sales };
      return async (tx) => ({ result: await attributeRefund(tx, shop, fact) });
    }
    case "app/uninstalled":
      return async (tx) => {
        const uninstalled = await recordUninstall(shop, tx, delivery.triggeredAt);
        return { result: uninstalled ? { uninstalled: shop } : { staleBeforeInstall: shop } };
      };
    case "customers/data_request": {
      const who = readCustomerRequest(payload);
      return async (tx) => {
        const redemptions = await customerData(tx, shop, who);
        // Shopify forwards nothing: the merchant sends the customer this record
        // (privacy-law-compliance: "provide it to the store owner directly"). It names which
        // personal data OneCode holds, not the data itself: the merchant knows their customer,
        // and a log row keeping the address would outlive the customer's own erasure.
        await tx.auditLog.create({
          data: {
            shop,
            actor: "shopify",
            action: DATA_REQUEST_ACTION,
            subjectType: "Customer",
            subjectId: who.customerId ?? `data-request:${who.dataRequestId ?? delivery.eventId}`,
            details: { dataRequestId: who.dataRequestId, redemptions: redemptions.map(withoutPii) },
          },
        });
        return { result: { redemptions } };
      };
    }
    case "customers/redact": {
      const who = readCustomerRequest(payload);
      return async (tx) => {
        await requestCustomerErasure(tx, shop, who);
        return { result: { erasure: "recorded" } };
      };
    }
    case "shop/redact":
      return async (tx) => {
        await requestShopErasure(tx, shop);
        return { result: { erasure: "recorded" } };
      };
    default:
      return `OneCode does not handle ${topic}`;
  }
}

async function ignore(delivery: WebhookDelivery, reason: string): Promise<WebhookOutcome> {
  const recorded = await recordOnce(delivery, async () => null);
  if (recorded.duplicate) return { status: "duplicate", topic: delivery.topic };
  console.warn(`OneCode: ${delivery.topic} from ${delivery.shop} ignored: ${reason}`);
  return { status: "ignored", topic: delivery.topic, reason };
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
