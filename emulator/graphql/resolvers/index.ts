import { gidType } from "../../store/ids";
import type { ShopRecord } from "../../store/types";
import type { ResolverContext } from "../context";
import type { ResolverMap } from "../resolve";
import { automaticDiscountsOf } from "../../store/discounts";
import { automaticDiscountResolvers } from "./automatic-discounts";
import { catalogResolvers } from "./catalog";
import { idArg } from "./common";
import { discountMutationResolvers } from "./discount-mutations";
import { discountReadResolvers } from "./discounts";
import { metafieldResolvers } from "./metafields";
import { orderResolvers } from "./orders";
import { redeemCodeResolvers } from "./redeem-codes";
import { shopResolvers } from "./shop";

/** The store record behind a GID, for node(id) / nodes(ids) over the types the emulator serves. */
function findNode(shop: ShopRecord, id: string): unknown {
  switch (gidType(id)) {
    case "DiscountCodeNode":
      return shop.discounts.get(id) ?? null;
    case "DiscountAutomaticNode":
      return automaticDiscountsOf(shop).get(id) ?? null;
    case "DiscountRedeemCodeBulkCreation":
      return shop.bulkCreations.get(id) ?? null;
    case "Customer":
      return shop.customers.get(id) ?? null;
    case "Product":
      return shop.products.get(id) ?? null;
    case "Collection":
      return shop.collections.get(id) ?? null;
    case "Order":
      return shop.orders.get(id) ?? null;
    case "Shop":
      return id === shop.id ? shop : null;
    default:
      return null;
  }
}

const nodeResolvers: ResolverMap = {
  QueryRoot: {
    node: (_s, args: { id: string }, ctx: ResolverContext) =>
      idArg(args.id, gidType(args.id) ?? "") ? findNode(ctx.shop, args.id) : null,
    nodes: (_s, args: { ids: string[] }, ctx: ResolverContext) =>
      args.ids.map((id) => (idArg(id, gidType(id) ?? "") ? findNode(ctx.shop, id) : null)),
  },
};

function merge(...maps: ResolverMap[]): ResolverMap {
  const out: ResolverMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      for (const name of Object.keys(fields)) {
        if (out[type]?.[name]) throw new Error(`Two resolvers for ${type}.${name}`);
      }
      out[type] = { ...out[type], ...fields };
    }
  }
  return out;
}

export const resolvers: ResolverMap = merge(
  shopResolvers,
  catalogResolvers,
  discountReadResolvers,
  discountMutationResolvers,
  automaticDiscountResolvers,
  redeemCodeResolvers,
  metafieldResolvers,
  orderResolvers,
  nodeResolvers,
);
