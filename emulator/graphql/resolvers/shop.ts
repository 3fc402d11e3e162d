import type { AppRegistration, ShopifyFunctionRecord, ShopRecord } from "../../store/types";
import type { ResolverContext } from "../context";
import { plain } from "../plain";
import type { ResolverMap } from "../resolve";
import { connection, metafieldResolvers } from "./common";

// shop, shopifyFunctions / shopifyFunction and the App they belong to.

export const shopResolvers: ResolverMap = {
  QueryRoot: {
    shop: (_s, _a, ctx: ResolverContext) => ctx.shop,
    shopifyFunctions: (
      _s,
      args: {
        apiType?: string | null;
        useCreationUi?: boolean | null;
        first?: number;
        last?: number;
        after?: string;
        before?: string;
        reverse?: boolean;
      },
      ctx: ResolverContext,
    ) => {
      // An app sees its own functions (https://shopify.dev/docs/api/admin-graphql/latest/queries/shopifyFunctions).
      let fns = ctx.app.functions;
      if (args.apiType) fns = fns.filter((f) => f.apiType === args.apiType);
      if (args.useCreationUi === true) fns = [];
      return connection("shopifyFunctions", fns, args, (f) => ({ id: "0", value: f.id }));
    },
    shopifyFunction: (_s, args: { id: string }, ctx: ResolverContext) =>
      ctx.app.functions.find((f) => f.id === args.id) ?? null,
  },
  Shop: {
    id: (shop: ShopRecord) => shop.id,
    name: (shop: ShopRecord) => shop.name,
    myshopifyDomain: (shop: ShopRecord) => shop.domain,
    email: (shop: ShopRecord) => shop.email,
    contactEmail: (shop: ShopRecord) => shop.email,
    currencyCode: (shop: ShopRecord) => shop.currency,
    ianaTimezone: (shop: ShopRecord) => shop.ianaTimezone,
    createdAt: (shop: ShopRecord) => shop.createdAt,
    plan: (shop: ShopRecord) =>
      plain({
        displayName: shop.plan,
        publicDisplayName: shop.plan,
        partnerDevelopment: false,
        shopifyPlus: shop.plan === "Shopify Plus",
      }),
    ...metafieldResolvers((shop: ShopRecord) => shop.id),
  },
  ShopifyFunction: {
    id: (f: ShopifyFunctionRecord) => f.id,
    title: (f: ShopifyFunctionRecord) => f.title,
    handle: (f: ShopifyFunctionRecord) => f.handle,
    apiType: (f: ShopifyFunctionRecord) => f.apiType,
    apiVersion: (f: ShopifyFunctionRecord) => f.apiVersion,
    description: (f: ShopifyFunctionRecord) => f.description,
    inputQuery: (f: ShopifyFunctionRecord) => f.inputQuery,
    appKey: (f: ShopifyFunctionRecord) => f.appApiKey,
    useCreationUi: () => false,
    app: (f: ShopifyFunctionRecord, _a, ctx: ResolverContext) => ctx.state.apps.get(f.appApiKey),
  },
  App: {
    id: (app: AppRegistration) => app.id,
    apiKey: (app: AppRegistration) => app.apiKey,
    title: (app: AppRegistration) => app.title,
    handle: (app: AppRegistration) => app.handle,
    embedded: () => true,
  },
};
