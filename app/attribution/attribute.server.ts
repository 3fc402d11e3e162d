// What an order does: each of our codes it carries becomes one Redemption with the code's
// campaign, allocation and partner, committed with the codes' new status and any anomaly. Many
// orders at once, in a few statements for all (a plan the group commit runs, decision 004).
import { readRules } from "@onecode/checkout-rules/rules";
import { normalizeCode } from "@onecode/checkout-rules/normalize";
import { detectAnomalies } from "../anomalies/detect";
import type { ShopSettings } from "../shops/settings";
import { minorDigits } from "@onecode/checkout-rules/currency";
import { formatMoney, parseMoney, splitMoney } from "./money";
import type { OrderFacts } from "../webhooks/order-payload";
import { deriveState, factsOfState } from "./redemption-state";
import { recordRefunds } from "./refund-ledger.server";
import type { RefundFact } from "../webhooks/refund-payload";
import type { Tx } from "../db.server";
import {
  findCodes,
  findRedemptions,
  findShopSettings,
  insertAnomalies,
  insertRedemptions,
  markRedeemed,
  updateRedemption,
  type AnomalyRow,
  type RedemptionRow,
} from "../group-commit/batch-sql.server";
import { prismaExecutor, runAsync, type Plan } from "../group-commit/sql-plan";

/** A redemption seen for the first time: what the work after the commit needs. */
export interface NewRedemption {
  id: string;
  campaignId: string;
  allocationId: string | null;
  customerId: string | null;
  oncePerCustomer: boolean;
}

export interface OrderOutcome {
  /** Our codes in the order. */
  redemptions: number;
  created: NewRedemption[];
}

/** attributeOrdersPlan on a Prisma transaction (reconciliation's single orders). */
export function attributeOrders(tx: Tx, shop: string, orders: OrderFacts[]) {
  return runAsync(attributeOrdersPlan(shop, orders), prismaExecutor(tx));
}

/**
 * Attributes orders of one shop, at most one event per order (the queue ensures it). Returns one
 * outcome per order, in the order given.
 */
export function* attributeOrdersPlan(shop: string, orders: OrderFacts[]): Plan<OrderOutcome[]> {
  const outcomes: OrderOutcome[] = orders.map(() => ({ redemptions: 0, created: [] }));
  const wanted = [...new Set(orders.flatMap((o) => o.codes.map((c) => c.code)))];
  if (wanted.length === 0) return outcomes;
  const rows = yield* findCodes(shop, wanted);
  if (rows.length === 0) return outcomes;
  const byCode = new Map(rows.map((row) => [normalizeCode(row.code), row]));
  // Sorted, so every event splits an order's amounts over the same codes in the same way.
  const ours = orders.map((o) => o.codes.filter((use) => byCode.has(use.code)).sort(byCodeText));
  const relevant = orders.filter((_, i) => ours[i]!.length > 0);

  const existing = yield* findRedemptions(
    shop,
    relevant.map((o) => o.orderId),
  );
  const existingByOrder = groupBy(existing, (r) => r.orderId);
  // The ledger also holds refunds that arrived before any order event (refunds/create first).
  const ledgerFacts = new Map<string, RefundFact[]>();
  for (const order of relevant) {
    if (order.refunds.length > 0 || !existingByOrder.has(order.orderId)) {
      ledgerFacts.set(order.orderId, order.refunds);
    }
  }
  const ledger = yield* recordRefunds(shop, ledgerFacts);

  let settings: ShopSettings | null = null;
  // Validated once per campaign of the batch, not once per code.
  const rulesByCampaign = new Map<string, ReturnType<typeof readRules>>();
  const rulesOf = (campaignId: string, raw: unknown) => {
    if (!rulesByCampaign.has(campaignId)) rulesByCampaign.set(campaignId, readRules(raw));
    return rulesByCampaign.get(campaignId)!;
  };
  const creates: RedemptionRow[] = [];
  // One entry per row of `creates`, in the same order.
  const pending: { outcome: OrderOutcome; created: Omit<NewRedemption, "id"> }[] = [];
  const findings: AnomalyRow[] = [];
  const redeemedAt = new Map<number, Date>();

  for (const [index, order] of orders.entries()) {
    const uses = ours[index]!;
    if (uses.length === 0) continue;
    const outcome = outcomes[index]!;
    outcome.redemptions = uses.length;
    const before = existingByOrder.get(order.orderId) ?? [];
    const beforeByCode = new Map(before.map((r) => [normalizeCode(r.code), r]));
    const sum = (pick: (r: (typeof before)[number]) => { toString(): string }) =>
      before.reduce((total, r) => total + (parseMoney(pick(r).toString()) ?? 0n), 0n);
    const { amount: refunded, sales: refundedSales } = ledger.get(order.orderId) ?? {
      amount: sum((r) => r.refunded),
      sales: sum((r) => r.refundedSales),
    };
    const seen = before.map((r) => factsOfState(r.state));
    const state = deriveState({
      paid: order.paid || seen.some((f) => f.paid),
      cancelled: order.cancelled || seen.some((f) => f.cancelled),
      refunded,
      total: order.total,
    });
    const decimals = minorDigits(order.currency);
    const subtotals = splitMoney(order.subtotal, uses.length, decimals);
    const totals = splitMoney(order.total, uses.length, decimals);
    const refunds = splitMoney(refunded, uses.length, decimals);
    const salesRefunds = splitMoney(refundedSales, uses.length, decimals);

    for (const [i, use] of uses.entries()) {
      const code = byCode.get(use.code)!;
      const row = beforeByCode.get(use.code);
      if (row) {
        if (
          row.state !== state ||
          parseMoney(row.refunded.toString()) !== refunds[i] ||
          parseMoney(row.refundedSales.toString()) !== salesRefunds[i]
        ) {
          yield* updateRedemption(row.id, state, {
            refunded: formatMoney(refunds[i]!),
            refundedSales: formatMoney(salesRefunds[i]!),
          });
        }
        continue;
      }
      const rules = rulesOf(code.campaignId, code.campaign.rules);
      creates.push({
        shop,
        campaignId: code.campaignId,
        codeId: code.id,
        code: use.code,
        allocationId: code.allocationId,
        partnerId: code.allocation?.partnerId ?? null,
        orderId: order.orderId,
        orderName: order.orderName,
        customerId: order.customerId,
        customerEmail: order.customerEmail,
        currency: order.currency,
        subtotal: formatMoney(subtotals[i]!),
        discount: formatMoney(use.discount),
        total: formatMoney(totals[i]!),
        refunded: formatMoney(refunds[i]!),
        refundedSales: formatMoney(salesRefunds[i]!),
        state,
        orderedAt: order.orderedAt,
      });
      pending.push({
        outcome,
        created: {
          campaignId: code.campaignId,
          allocationId: code.allocationId,
          customerId: order.customerId,
          oncePerCustomer: rules?.oncePerCustomer ?? false,
        },
      });
      settings ??= yield* findShopSettings(shop);
      const found = detectAnomalies({
        code: use.code,
        orderId: order.orderId,
        orderName: order.orderName,
        statusBefore: code.status,
        distributedAt: code.distributedAt,
        redeemedAtBefore: code.redeemedAt,
        revokedAt: code.revokedAt,
        allocationRevokedAt: code.allocation?.revokedAt ?? null,
        boundCustomerId: code.boundCustomerId,
        boundKey: code.campaign.bindingKey,
        customerId: order.customerId,
        landingSite: order.landingSite,
        referringSite: order.referringSite,
        couponSites: settings.couponSites,
      });
      for (const f of found) {
        findings.push({
          shop,
          campaignId: code.campaignId,
          codeId: code.id,
          allocationId: code.allocationId,
          orderId: order.orderId,
          kind: f.kind,
          details: f.details,
        });
      }
      // A later order of this batch with the same code must see it redeemed (redeemed twice).
      code.redeemedAt ??= order.orderedAt;
      code.status = "redeemed";
      redeemedAt.set(code.id, code.redeemedAt);
    }
  }

  if (creates.length > 0) {
    const ids = yield* insertRedemptions(creates);
    pending.forEach((p, i) => p.outcome.created.push({ id: ids[i]!, ...p.created }));
  }
  // One statement per distinct redemption time (a burst's orders often share their second).
  for (const [at, ids] of groupBy([...redeemedAt], ([, date]) => date.getTime())) {
    yield* markRedeemed(
      shop,
      ids.map(([id]) => id),
      new Date(at),
    );
  }
  if (findings.length > 0) yield* insertAnomalies(findings);
  return outcomes;
}

/**
 * refunds/create: the refund joins the order's ledger (even before the order is known: its
 * first order event then counts it) and the order's redemptions are settled again.
 */
export async function attributeRefund(tx: Tx, shop: string, refund: RefundFact) {
  const orderId = refund.orderId;
  if (!orderId) return { redemptions: 0 };
  const rows = await tx.redemption.findMany({
    where: { shop, orderId },
    select: {
      id: true,
      code: true,
      state: true,
      refunded: true,
      refundedSales: true,
      total: true,
      currency: true,
    },
  });
  const ledger = await runAsync(
    recordRefunds(shop, new Map([[orderId, [refund]]])),
    prismaExecutor(tx),
  );
  const { amount: refunded, sales } = ledger.get(orderId) ?? { amount: 0n, sales: 0n };
  if (rows.length === 0) return { redemptions: 0 };
  rows.sort((a, b) => byCodeText({ code: normalizeCode(a.code) }, { code: normalizeCode(b.code) }));
  const total = rows.reduce((sum, r) => sum + (parseMoney(r.total.toString()) ?? 0n), 0n);
  const seen = rows.map((r) => factsOfState(r.state));
  const state = deriveState({
    paid: seen.some((f) => f.paid),
    cancelled: seen.some((f) => f.cancelled),
    refunded,
    total,
  });
  const decimals = minorDigits(rows[0]!.currency);
  const shares = splitMoney(refunded, rows.length, decimals);
  const salesShares = splitMoney(sales, rows.length, decimals);
  for (const [i, row] of rows.entries()) {
    if (
      row.state !== state ||
      parseMoney(row.refunded.toString()) !== shares[i] ||
      parseMoney(row.refundedSales.toString()) !== salesShares[i]
    ) {
      await tx.redemption.update({
        where: { id: row.id },
        data: {
          state,
          refunded: formatMoney(shares[i]!),
          refundedSales: formatMoney(salesShares[i]!),
        },
      });
    }
  }
  return { redemptions: rows.length };
}

function byCodeText(a: { code: string }, b: { code: string }): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
