import { codesOfDiscount, discountStatus, discountUsageCount } from "../store/discounts";
import { settleJobs } from "../store/jobs";
import type { EmulatorState } from "../store/context";
import type { Gid, ShopRecord } from "../store/types";

// What tests read without going through the app: plain JSON views of the store, the same
// functions served by GET /__emulator/... (see routes.ts).

function shopOf(state: EmulatorState, domain: string): ShopRecord {
  const shop = state.shops.get(domain);
  if (!shop) throw new InspectError(404, `There is no shop ${domain}`);
  settleJobs(state, shop);
  return shop;
}

export class InspectError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function shopsView(state: EmulatorState) {
  return [...state.shops.values()].map((shop) => ({
    domain: shop.domain,
    name: shop.name,
    plan: shop.plan,
    installedApps: [...shop.installations.values()].map((i) => ({
      apiKey: i.apiKey,
      scopes: i.scopes,
      installedAt: i.installedAt,
    })),
    counts: {
      products: shop.products.size,
      collections: shop.collections.size,
      customers: shop.customers.size,
      discounts: shop.discounts.size,
      redeemCodes: shop.redeemCodes.size,
      orders: shop.orders.size,
    },
  }));
}

export function discountsView(state: EmulatorState, domain: string) {
  const shop = shopOf(state, domain);
  return [...shop.discounts.values()].map((d) => ({
    ...d,
    status: discountStatus(state, d),
    codesCount: shop.codesByDiscount.get(d.id)?.size ?? 0,
    asyncUsageCount: discountUsageCount(shop, d.id),
    metafields: [...(shop.metafields.get(d.id)?.values() ?? [])],
  }));
}

/** Codes of a discount with their usage, `offset`/`limit` paged (default all). */
export function codesView(
  state: EmulatorState,
  domain: string,
  discountId: Gid,
  offset = 0,
  limit = Infinity,
) {
  const shop = shopOf(state, domain);
  if (!shop.discounts.has(discountId))
    throw new InspectError(404, `There is no discount ${discountId} on ${domain}`);
  const all = codesOfDiscount(shop, discountId);
  return {
    total: all.length,
    codes: all.slice(offset, offset + limit).map((c) => ({
      ...c,
      usageByBuyer: Object.fromEntries(shop.codeUsage.get(c.id) ?? []),
    })),
  };
}

export function ordersView(state: EmulatorState, domain: string) {
  return [...shopOf(state, domain).orders.values()];
}

export function bulkCreationsView(state: EmulatorState, domain: string) {
  return [...shopOf(state, domain).bulkCreations.values()];
}

export function customersView(state: EmulatorState, domain: string) {
  const shop = shopOf(state, domain);
  return [...shop.customers.values()].map((c) => ({
    ...c,
    metafields: [...(shop.metafields.get(c.id)?.values() ?? [])],
  }));
}
