// GET /store/<shop>/orders: the admin's order list, where the demo merchant cancels or refunds an
// order placed at the checkout, as in Shopify admin (Orders > order > More actions > Cancel order,
// and Refund). Each change reaches the app as Shopify's webhook (order-changes.ts).
import { adminPage, escapeHtml, topBar } from "../admin/html";
import { sideNav } from "../admin/nav";
import type { EmulatorState } from "../store/context";
import { centsToDecimal } from "../store/money";
import type { Order, ShopRecord } from "../store/types";

export function ordersPath(shop: string): string {
  return `/store/${encodeURIComponent(shop)}/orders`;
}

export function orderActionPath(shop: string, order: Order, action: "cancel" | "refund"): string {
  return `/__admin${ordersPath(shop)}/${encodeURIComponent(order.id.split("/").pop()!)}/${action}`;
}

export function ordersPage(state: EmulatorState, shop: ShopRecord, message = ""): Response {
  const rows = [...shop.orders.values()].reverse().map((order) => {
    const refunded = order.refunds.reduce((s, r) => s + r.amountCents, 0);
    const left = order.totalCents - refunded;
    const codes = order.discountCodes.map((c) => escapeHtml(c.code)).join(", ") || "—";
    const status = order.cancelledAt
      ? `Cancelled (${escapeHtml(order.cancelReason ?? "")})`
      : "Open";
    const cancel = order.cancelledAt
      ? ""
      : `<form method="post" action="${orderActionPath(shop.domain, order, "cancel")}" style="display:inline">
<select name="reason" aria-label="Reason for cancelling ${escapeHtml(order.name)}">${CANCEL_REASONS.map((r) => `<option>${r}</option>`).join("")}</select>
<button class="btn critical">Cancel order</button></form>`;
    const refund =
      left > 0
        ? `<form method="post" action="${orderActionPath(shop.domain, order, "refund")}" style="display:inline">
<input name="amount" inputmode="decimal" size="7" value="${centsToDecimal(left)}" aria-label="Amount to refund on ${escapeHtml(order.name)}">
<button class="btn">Refund</button></form>`
        : "";
    return `<tr><td>${escapeHtml(order.name)}</td><td>${escapeHtml(order.email ?? "Guest")}</td><td>${codes}</td>
<td>${centsToDecimal(order.totalCents)} ${escapeHtml(order.currency)}</td><td>${centsToDecimal(refunded)}</td>
<td>${escapeHtml(order.financialStatus)}</td><td>${status}</td><td>${cancel} ${refund}</td></tr>`;
  });
  const note = message ? `<p role="status">${escapeHtml(message)}</p>` : "";
  return adminPage(
    `Orders · ${shop.name} · Shopify emulator`,
    `${topBar(shop.name)}<div class="layout">${sideNav(state, shop, null, "orders")}<main><div class="page">
<div class="card"><h2>Orders</h2>${note}
<p>Orders placed at <a href="/store/${encodeURIComponent(shop.domain)}/checkout">the checkout</a>. Cancelling sends the app orders/cancelled; refunding sends refunds/create.</p>
<table><tr><th>Order</th><th>Customer</th><th>Codes</th><th>Total</th><th>Refunded</th><th>Payment</th><th>Status</th><th></th></tr>${rows.join("") || '<tr><td colspan="8">No orders yet.</td></tr>'}</table>
</div></div></main></div>`,
  );
}

// Shopify's OrderCancelReason values, lower-cased as the REST order's cancel_reason shows them.
export const CANCEL_REASONS = ["customer", "declined", "fraud", "inventory", "staff", "other"];
