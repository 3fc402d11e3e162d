import { legacyId } from "../../store/ids";
import type {
  Order,
  OrderDiscountApplication,
  OrderLineItem,
  OrderRefund,
} from "../../store/types";
import type { ConnectionArgs, CursorKey } from "../connection";
import type { ResolverContext } from "../context";
import { ShopifyGraphQLError } from "../errors";
import { plain } from "../plain";
import type { ResolverMap } from "../resolve";
import { effectiveScopes } from "../scopes";
import { validSearchFields } from "../search-fields";
import {
  compareValues,
  matchSearch,
  parseSearchQuery,
  searchFields,
  type Comparator,
} from "../search-query";
import {
  connection,
  idArg,
  legacyResourceId,
  metafieldResolvers,
  money,
  moneyBag,
  unsupportedSortKey,
} from "./common";

// Orders as the app's attribution and reconciliation read them: orders(query:, sortKey:) with
// Shopify's search syntax, order(id), line items with discount allocations, discount applications.

// Without read_all_orders an app sees the last 60 days of orders
// (https://shopify.dev/docs/api/usage/access-scopes#orders-permissions).
const SIXTY_DAYS_MS = 60 * 24 * 3600 * 1000;

function visible(ctx: ResolverContext, order: Order): boolean {
  if (effectiveScopes(ctx.installation.scopes).has("read_all_orders")) return true;
  return Date.parse(order.createdAt) >= ctx.state.now() - SIXTY_DAYS_MS;
}

function timeTerm(actual: string | null, cmp: Comparator, value: string): boolean {
  if (!actual) return false;
  const wanted = Date.parse(value);
  if (Number.isNaN(wanted))
    throw new ShopifyGraphQLError(`Invalid timestamp for query filter: ${value}`, "BAD_REQUEST");
  // A bare date compares by day: created_at:2026-05-01 is that whole day.
  if (cmp === "=" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return actual.slice(0, 10) === value;
  return compareValues(Date.parse(actual), cmp, wanted);
}

function orderTerm(order: Order, field: string | null, cmp: Comparator, value: string): boolean {
  const lower = value.toLowerCase();
  switch (field) {
    case null:
    case "default":
      return (
        order.name.toLowerCase().includes(lower) ||
        (order.email ?? "").toLowerCase().includes(lower)
      );
    case "name":
      return order.name.toLowerCase() === lower || order.name.toLowerCase() === `#${lower}`;
    case "id":
      return /^\d+$/.test(value) && compareValues(BigInt(legacyId(order.id)), cmp, BigInt(value));
    case "created_at":
      return timeTerm(order.createdAt, cmp, value);
    case "updated_at":
      return timeTerm(order.updatedAt, cmp, value);
    case "processed_at":
      return timeTerm(order.processedAt, cmp, value);
    case "discount_code":
      return order.discountCodes.some((d) => d.code.toLowerCase() === lower);
    case "email":
      return (order.email ?? "").toLowerCase() === lower;
    case "customer_id":
      return order.customerId !== null && legacyId(order.customerId) === value;
    case "financial_status":
      return order.financialStatus === lower;
    case "status":
      if (lower === "any") return true;
      if (lower === "cancelled") return order.cancelledAt !== null;
      if (lower === "open") return order.cancelledAt === null;
      throw new ShopifyGraphQLError(
        `The OneCode emulator does not implement status:${value} on orders.`,
        "NOT_IMPLEMENTED",
      );
    case "tag":
      return order.tags.some((t) => t.toLowerCase() === lower);
    case "tag_not":
      return !order.tags.some((t) => t.toLowerCase() === lower);
    case "test":
      return String(order.test) === lower;
    case "source_name":
      return order.sourceName.toLowerCase() === lower;
    default:
      throw new ShopifyGraphQLError(
        `The OneCode emulator does not implement the '${field}' filter on orders.`,
        "NOT_IMPLEMENTED",
      );
  }
}

const SORT_KEYS: Record<string, (o: Order) => string | number> = {
  PROCESSED_AT: (o) => o.processedAt,
  CREATED_AT: (o) => o.createdAt,
  UPDATED_AT: (o) => o.updatedAt,
  ID: () => 0,
  ORDER_NUMBER: (o) => o.orderNumber,
  TOTAL_PRICE: (o) => o.totalCents,
};

function discountApplication(app: OrderDiscountApplication, index: number, currency: string) {
  const value =
    app.valueType === "percentage"
      ? plain({ __typename: "PricingPercentageValue", percentage: app.value })
      : plain({ __typename: "MoneyV2", ...money(app.value, currency) });
  const common = {
    index,
    allocationMethod: app.allocationMethod.toUpperCase(),
    targetSelection: app.targetSelection.toUpperCase(),
    targetType: app.targetType.toUpperCase(),
    value,
  };
  switch (app.type) {
    case "discount_code":
      return plain({ __typename: "DiscountCodeApplication", code: app.code ?? "", ...common });
    case "automatic":
      return plain({
        __typename: "AutomaticDiscountApplication",
        title: app.title ?? "",
        ...common,
      });
    case "manual":
      return plain({
        __typename: "ManualDiscountApplication",
        title: app.title ?? "",
        description: app.description,
        ...common,
      });
    case "script":
      return plain({ __typename: "ScriptDiscountApplication", title: app.title ?? "", ...common });
  }
}

const sumAllocations = (line: OrderLineItem) =>
  line.discountAllocations.reduce((s, a) => s + a.amountCents, 0);
const refunded = (order: Order) => order.refunds.reduce((s, r) => s + r.amountCents, 0);

export const orderResolvers: ResolverMap = {
  QueryRoot: {
    order: (_s, args: { id: string }, ctx: ResolverContext) => {
      const id = idArg(args.id, "Order");
      const order = id ? ctx.shop.orders.get(id) : undefined;
      return order && visible(ctx, order) ? order : null;
    },
    orders: (
      _s,
      args: ConnectionArgs & {
        query?: string | null;
        sortKey?: string | null;
        savedSearchId?: string | null;
      },
      ctx: ResolverContext,
      info,
    ) => {
      if (args.savedSearchId) {
        throw new ShopifyGraphQLError(
          "The OneCode emulator does not implement saved searches.",
          "NOT_IMPLEMENTED",
        );
      }
      let orders = [...ctx.shop.orders.values()].filter((o) => visible(ctx, o));
      if (args.query && args.query.trim()) {
        const tree = parseSearchQuery(args.query);
        const valid = validSearchFields(ctx.admin, "QueryRoot", "orders");
        const unknown = searchFields(tree).filter((f) => !valid.has(f));
        if (unknown.length > 0) {
          ctx.searchWarnings.push({
            path: [info.path.key],
            query: args.query,
            warnings: unknown.map((field) => ({
              field,
              message: "Invalid search field for this query.",
            })),
          });
        }
        // Shopify ignores filters on fields it does not know (they match everything).
        orders = orders.filter((o) =>
          matchSearch(tree, (field, cmp, value) =>
            field && !valid.has(field) ? true : orderTerm(o, field, cmp, value),
          ),
        );
      }
      const sortKey = args.sortKey ?? "PROCESSED_AT";
      const key = SORT_KEYS[sortKey];
      if (!key) unsupportedSortKey("orders", sortKey);
      return connection("orders", orders, args, (o): CursorKey => ({
        id: legacyId(o.id),
        value: key(o),
      }));
    },
  },
  Order: {
    id: (o: Order) => o.id,
    legacyResourceId,
    name: (o: Order) => o.name,
    email: (o: Order) => o.email,
    createdAt: (o: Order) => o.createdAt,
    updatedAt: (o: Order) => o.updatedAt,
    processedAt: (o: Order) => o.processedAt,
    cancelledAt: (o: Order) => o.cancelledAt,
    cancelReason: (o: Order) => (o.cancelReason ? o.cancelReason.toUpperCase() : null),
    test: (o: Order) => o.test,
    tags: (o: Order) => o.tags,
    note: (o: Order) => o.note,
    sourceName: (o: Order) => o.sourceName,
    currencyCode: (o: Order) => o.currency,
    displayFinancialStatus: (o: Order) => o.financialStatus.toUpperCase(),
    // The first code applied, as Shopify's Order.discountCode; discountCodes lists them all.
    discountCode: (o: Order) => o.discountCodes[0]?.code ?? null,
    discountCodes: (o: Order) => o.discountCodes.map((d) => d.code),
    customer: (o: Order, _a, ctx: ResolverContext) =>
      o.customerId ? (ctx.shop.customers.get(o.customerId) ?? null) : null,
    subtotalPriceSet: (o: Order) => moneyBag(o.subtotalCents, o.currency),
    currentSubtotalPriceSet: (o: Order) => moneyBag(o.subtotalCents, o.currency),
    totalDiscountsSet: (o: Order) => moneyBag(o.totalDiscountsCents, o.currency),
    currentTotalDiscountsSet: (o: Order) => moneyBag(o.totalDiscountsCents, o.currency),
    totalShippingPriceSet: (o: Order) => moneyBag(o.shippingCents, o.currency),
    totalTaxSet: (o: Order) => moneyBag(o.taxCents, o.currency),
    totalPriceSet: (o: Order) => moneyBag(o.totalCents, o.currency),
    currentTotalPriceSet: (o: Order) => moneyBag(o.totalCents - refunded(o), o.currency),
    totalRefundedSet: (o: Order) => moneyBag(refunded(o), o.currency),
    refunds: (o: Order) => o.refunds,
    lineItems: (o: Order, args: ConnectionArgs) =>
      connection("lineItems", o.lineItems, args, (l) => ({ id: legacyId(l.id), value: 0 })),
    discountApplications: (o: Order, args: ConnectionArgs) =>
      connection(
        "discountApplications",
        o.discountApplications.map((a, i) => discountApplication(a, i, o.currency)),
        args,
        (a) => ({ id: String(a.index), value: 0 }),
      ),
    ...metafieldResolvers((o: Order) => o.id),
  },
  LineItem: {
    id: (l: OrderLineItem) => l.id,
    title: (l: OrderLineItem) => l.title,
    name: (l: OrderLineItem) => (l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title),
    variantTitle: (l: OrderLineItem) => l.variantTitle,
    sku: (l: OrderLineItem) => l.sku,
    quantity: (l: OrderLineItem) => l.quantity,
    currentQuantity: (l: OrderLineItem) => l.quantity,
    product: (l: OrderLineItem, _a, ctx: ResolverContext) =>
      l.productId ? (ctx.shop.products.get(l.productId) ?? null) : null,
    variant: (l: OrderLineItem, _a, ctx: ResolverContext) => {
      const product = l.productId ? ctx.shop.products.get(l.productId) : undefined;
      return product?.variants.find((v) => v.id === l.variantId) ?? null;
    },
    originalUnitPriceSet: (l: OrderLineItem, _a, ctx: ResolverContext) =>
      moneyBag(l.unitPriceCents, ctx.shop.currency),
    originalTotalSet: (l: OrderLineItem, _a, ctx: ResolverContext) =>
      moneyBag(l.unitPriceCents * l.quantity, ctx.shop.currency),
    totalDiscountSet: (l: OrderLineItem, _a, ctx: ResolverContext) =>
      moneyBag(sumAllocations(l), ctx.shop.currency),
    discountedTotalSet: (l: OrderLineItem, _a, ctx: ResolverContext) =>
      moneyBag(l.unitPriceCents * l.quantity - sumAllocations(l), ctx.shop.currency),
    discountAllocations: (l: OrderLineItem, _a, ctx: ResolverContext) => {
      const order = [...ctx.shop.orders.values()].find((o) => o.lineItems.includes(l));
      return l.discountAllocations.map((a) =>
        plain({
          allocatedAmountSet: moneyBag(a.amountCents, ctx.shop.currency),
          allocatedAmount: money(a.amountCents, ctx.shop.currency),
          discountApplication: order?.discountApplications[a.discountApplicationIndex]
            ? discountApplication(
                order.discountApplications[a.discountApplicationIndex] as OrderDiscountApplication,
                a.discountApplicationIndex,
                ctx.shop.currency,
              )
            : null,
        }),
      );
    },
  },
  Refund: {
    id: (r: OrderRefund) => r.id,
    createdAt: (r: OrderRefund) => r.createdAt,
    note: (r: OrderRefund) => r.note,
    totalRefundedSet: (r: OrderRefund, _a, ctx: ResolverContext) =>
      moneyBag(r.amountCents, ctx.shop.currency),
  },
};
