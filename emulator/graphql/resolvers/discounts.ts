import { codesOfDiscount, discountStatus, discountUsageCount } from "../../store/discounts";
import { findRedeemCode } from "../../store/codes";
import { legacyId } from "../../store/ids";
import { settleJobs } from "../../store/jobs";
import type { CodeDiscount, RedeemCode } from "../../store/types";
import type { ConnectionArgs } from "../connection";
import type { ResolverContext } from "../context";
import { ShopifyGraphQLError } from "../errors";
import { plain } from "../plain";
import type { Resolver, ResolverMap } from "../resolve";
import { compareValues, matchSearch, parseSearchQuery } from "../search-query";
import { connection, count, idArg, metafieldResolvers, unsupportedSortKey } from "./common";

// Reads of code discounts: DiscountCodeNode → codeDiscount (DiscountCodeApp | DiscountCodeBasic),
// their redeem codes, and lookups by id and by code.

type CodesArgs = ConnectionArgs & {
  query?: string | null;
  sortKey?: string | null;
  savedSearchId?: string | null;
};

function codeMatches(code: RedeemCode, query: string | null | undefined): boolean {
  if (!query || !query.trim()) return true;
  return matchSearch(parseSearchQuery(query), (field, cmp, value) => {
    switch (field) {
      case null:
      case "code":
        return code.code.toLowerCase().includes(value.toLowerCase());
      case "id":
        return /^\d+$/.test(value) && compareValues(BigInt(legacyId(code.id)), cmp, BigInt(value));
      case "times_used":
        return compareValues(code.asyncUsageCount, cmp, Number(value));
      default:
        throw new ShopifyGraphQLError(
          `The OneCode emulator does not implement the '${field}' filter on codes.`,
          "NOT_IMPLEMENTED",
        );
    }
  });
}

const codes: Resolver = (d: CodeDiscount, args: CodesArgs, ctx: ResolverContext) => {
  if (args.savedSearchId) {
    throw new ShopifyGraphQLError(
      "The OneCode emulator does not implement saved searches.",
      "NOT_IMPLEMENTED",
    );
  }
  settleJobs(ctx.state, ctx.shop);
  const keys: Record<string, (c: RedeemCode) => string | number> = {
    ID: () => 0,
    CODE: (c) => c.code.toLowerCase(),
    CREATED_AT: (c) => c.createdAt,
  };
  const key = keys[args.sortKey ?? "ID"];
  if (!key) unsupportedSortKey("codes", args.sortKey ?? "ID");
  const items = codesOfDiscount(ctx.shop, d.id).filter((c) => codeMatches(c, args.query));
  return connection("codes", items, args, (c) => ({ id: legacyId(c.id), value: key(c) }));
};

/** Fields shared by DiscountCodeApp and DiscountCodeBasic, from the one CodeDiscount record. */
const codeDiscountFields: Record<string, Resolver> = {
  title: (d: CodeDiscount) => d.title,
  status: (d: CodeDiscount, _a, ctx: ResolverContext) => discountStatus(ctx.state, d),
  startsAt: (d: CodeDiscount) => d.startsAt,
  endsAt: (d: CodeDiscount) => d.endsAt,
  createdAt: (d: CodeDiscount) => d.createdAt,
  updatedAt: (d: CodeDiscount) => d.updatedAt,
  usageLimit: (d: CodeDiscount) => d.usageLimit,
  appliesOncePerCustomer: (d: CodeDiscount) => d.appliesOncePerCustomer,
  asyncUsageCount: (d: CodeDiscount, _a, ctx: ResolverContext) =>
    discountUsageCount(ctx.shop, d.id),
  combinesWith: (d: CodeDiscount) => plain({ ...d.combinesWith }),
  discountClasses: (d: CodeDiscount) => d.discountClasses,
  tags: (d: CodeDiscount) => d.tags,
  recurringCycleLimit: (d: CodeDiscount) => d.recurringCycleLimit,
  codes,
  codesCount: (d: CodeDiscount, _a, ctx: ResolverContext) => {
    settleJobs(ctx.state, ctx.shop);
    return count(ctx.shop.codesByDiscount.get(d.id)?.size ?? 0);
  },
  context: (d: CodeDiscount, _a, ctx: ResolverContext) =>
    d.customerIds === null
      ? plain({ __typename: "DiscountBuyerSelectionAll", all: "ALL" })
      : plain({
          __typename: "DiscountCustomers",
          customers: d.customerIds.map((id) => ctx.shop.customers.get(id)).filter(Boolean),
        }),
};

export const discountReadResolvers: ResolverMap = {
  QueryRoot: {
    codeDiscountNode: (_s, args: { id: string }, ctx: ResolverContext) => {
      const id = idArg(args.id, "DiscountCodeNode");
      return (id && ctx.shop.discounts.get(id)) ?? null;
    },
    // Case-insensitive, across every discount of the shop
    // (https://shopify.dev/docs/api/admin-graphql/latest/queries/codeDiscountNodeByCode).
    codeDiscountNodeByCode: (_s, args: { code: string }, ctx: ResolverContext) =>
      findRedeemCode(ctx.state, ctx.shop, args.code)?.discount ?? null,
  },
  DiscountCodeNode: {
    id: (d: CodeDiscount) => d.id,
    codeDiscount: (d: CodeDiscount) => d,
    ...metafieldResolvers((d: CodeDiscount) => d.id),
  },
  DiscountCodeApp: {
    ...codeDiscountFields,
    discountId: (d: CodeDiscount) => d.id,
    appliesOnOneTimePurchase: (d: CodeDiscount) => d.appliesOnOneTimePurchase,
    appliesOnSubscription: (d: CodeDiscount) => d.appliesOnSubscription,
    // Deprecated singular class: the first of the plural ones.
    discountClass: (d: CodeDiscount) => d.discountClasses[0],
    appDiscountType: (d: CodeDiscount, _a, ctx: ResolverContext) => {
      const app = d.appApiKey ? ctx.state.apps.get(d.appApiKey) : undefined;
      const fn = app?.functions.find((f) => f.id === d.functionId);
      if (!app || !fn)
        throw new ShopifyGraphQLError(
          "The discount's function is no longer registered.",
          "NOT_FOUND",
        );
      return plain({
        app,
        appKey: app.apiKey,
        functionId: fn.id,
        title: fn.title,
        description: fn.description,
        discountClasses: d.discountClasses,
        discountClass: d.discountClasses[0],
        targetType: d.discountClasses[0] === "SHIPPING" ? "SHIPPING_LINE" : "LINE_ITEM",
      });
    },
  },
  DiscountCodeBasic: {
    ...codeDiscountFields,
    discountClass: (d: CodeDiscount) => (d.discountClasses[0] === "PRODUCT" ? "PRODUCT" : "ORDER"),
  },
  DiscountRedeemCode: {
    id: (c: RedeemCode) => c.id,
    code: (c: RedeemCode) => c.code,
    asyncUsageCount: (c: RedeemCode) => c.asyncUsageCount,
    createdBy: (c: RedeemCode, _a, ctx: ResolverContext) =>
      c.createdByApiKey ? (ctx.state.apps.get(c.createdByApiKey) ?? null) : null,
  },
};
