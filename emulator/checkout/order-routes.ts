// Cancelling and refunding orders: the admin's buttons (POST /__admin/store/<shop>/orders/<id>/
// cancel|refund, forms, then back to the list) and the same for tests and scripts as JSON
// (POST /__emulator/shops/<shop>/orders/<id>/cancel {reason?} and /refund {amountCents?, note?}).
// Not Shopify endpoints: Shopify's own are the orderCancel and refundCreate mutations, which the
// app never calls. The store reports each change and order-changes.ts sends the webhooks.
import type { EmulatorRouter } from "../router";
import type { EmulatorState } from "../store/context";
import { cancelOrder, refundOrder } from "../store/orders";
import { getShop } from "../store/shops";
import type { Order, ShopRecord } from "../store/types";
import { CANCEL_REASONS, ordersPage, ordersPath } from "./orders-page";

class OrderChangeError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

function orderOf(state: EmulatorState, domain: string, id: string): [ShopRecord, Order] {
  const shop = getShop(state, domain);
  if (!shop) throw new OrderChangeError(`There is no shop ${domain}`, 404);
  const gid = id.startsWith("gid://") ? id : `gid://shopify/Order/${id}`;
  const order = shop.orders.get(gid);
  if (!order) throw new OrderChangeError(`There is no order ${id} on ${domain}`, 404);
  return [shop, order];
}

function cancel(state: EmulatorState, domain: string, id: string, reason: unknown): Order {
  const [shop, order] = orderOf(state, domain, id);
  const why = reason === undefined || reason === null || reason === "" ? "other" : reason;
  if (typeof why !== "string" || !CANCEL_REASONS.includes(why))
    throw new OrderChangeError(`reason must be one of ${CANCEL_REASONS.join(", ")}`);
  if (order.cancelledAt) throw new OrderChangeError(`${order.name} is already cancelled`);
  return cancelOrder(state, shop, order.id, why);
}

function refund(
  state: EmulatorState,
  domain: string,
  id: string,
  amountCents: unknown,
  note: unknown,
): Order {
  const [shop, order] = orderOf(state, domain, id);
  if (amountCents !== undefined && (!Number.isSafeInteger(amountCents) || Number(amountCents) <= 0))
    throw new OrderChangeError("amountCents must be a positive whole number of cents");
  if (note !== undefined && note !== null && typeof note !== "string")
    throw new OrderChangeError("note must be text");
  try {
    return refundOrder(state, shop, order.id, amountCents as number | undefined, note ?? null);
  } catch (error) {
    throw new OrderChangeError((error as Error).message);
  }
}

/** "12.34" (or "12") to cents; null for anything else. */
function parseAmount(text: string): number | null {
  const match = /^\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

function summary(order: Order) {
  return {
    id: order.id,
    name: order.name,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason,
    financialStatus: order.financialStatus,
    refunds: order.refunds,
  };
}

async function jsonObject(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new OrderChangeError("Send a JSON object");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new OrderChangeError("Send a JSON object");
  return parsed as Record<string, unknown>;
}

function failure(error: unknown): OrderChangeError {
  if (error instanceof OrderChangeError) return error;
  throw error;
}

export function mountOrderRoutes(router: EmulatorRouter, state: EmulatorState): void {
  router.get("/store/:shop/orders", (_request, { params }) => {
    const shop = getShop(state, params.shop ?? "");
    if (!shop) return new Response(`There is no shop ${params.shop}`, { status: 404 });
    return ordersPage(state, shop);
  });

  const afterForm = (domain: string, change: () => void): Response => {
    try {
      change();
    } catch (error) {
      const { message, status } = failure(error);
      const shop = getShop(state, domain);
      if (!shop || status === 404) return new Response(message, { status });
      return ordersPage(state, shop, message);
    }
    return new Response(null, { status: 303, headers: { Location: ordersPath(domain) } });
  };
  router.post("/__admin/store/:shop/orders/:id/cancel", async (request, { params }) => {
    const form = await request.formData();
    return afterForm(params.shop ?? "", () =>
      cancel(state, params.shop ?? "", params.id ?? "", form.get("reason")),
    );
  });
  router.post("/__admin/store/:shop/orders/:id/refund", async (request, { params }) => {
    const form = await request.formData();
    return afterForm(params.shop ?? "", () => {
      const amount = parseAmount(String(form.get("amount") ?? ""));
      if (amount === null) throw new OrderChangeError("Enter the amount to refund, e.g. 12.50");
      refund(state, params.shop ?? "", params.id ?? "", amount, null);
    });
  });

  const asJson = async (run: () => Promise<Order>): Promise<Response> => {
    try {
      return Response.json(summary(await run()));
    } catch (error) {
      const { message, status } = failure(error);
      return Response.json({ error: message }, { status });
    }
  };
  router.post("/__emulator/shops/:shop/orders/:id/cancel", (request, { params }) =>
    asJson(async () => {
      const body = await jsonObject(request);
      return cancel(state, params.shop ?? "", params.id ?? "", body.reason);
    }),
  );
  router.post("/__emulator/shops/:shop/orders/:id/refund", (request, { params }) =>
    asJson(async () => {
      const body = await jsonObject(request);
      return refund(state, params.shop ?? "", params.id ?? "", body.amountCents, body.note);
    }),
  );
}
