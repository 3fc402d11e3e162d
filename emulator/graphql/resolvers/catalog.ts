import { collectionsOfProduct, getVariant } from "../../store/catalog";
import { legacyId } from "../../store/ids";
import { centsToDecimal } from "../../store/money";
import type { Collection, Customer, Product, ProductVariant } from "../../store/types";
import type { ConnectionArgs, CursorKey } from "../connection";
import type { ResolverContext } from "../context";
import { ShopifyGraphQLError } from "../errors";
import { plain } from "../plain";
import type { ResolverMap } from "../resolve";
import { matchSearch, parseSearchQuery, type TermMatcher } from "../search-query";
import {
  byId,
  connection,
  count,
  idArg,
  legacyResourceId,
  metafieldResolvers,
  money,
  unsupportedSortKey,
} from "./common";

// Products, variants, collections and customers: the reads the admin's pickers and the
// attribution views need.

type ListArgs = ConnectionArgs & { query?: string | null; sortKey?: string | null };

function sortKeyed<T extends { id: string }>(
  field: string,
  sortKey: string | null | undefined,
  keys: Record<string, (item: T) => string | number>,
): (item: T) => CursorKey {
  const key = keys[sortKey ?? "ID"];
  if (!key) unsupportedSortKey(field, sortKey ?? "ID");
  return (item) => ({ id: legacyId(item.id), value: key(item) });
}

function filtered<T>(
  items: T[],
  query: string | null | undefined,
  match: (item: T) => TermMatcher,
): T[] {
  if (!query || !query.trim()) return items;
  const tree = parseSearchQuery(query);
  return items.filter((item) => matchSearch(tree, match(item)));
}

const contains = (haystack: string | null, needle: string) =>
  (haystack ?? "").toLowerCase().includes(needle.toLowerCase());

function productMatcher(product: Product): TermMatcher {
  return (field, _cmp, value) => {
    switch (field) {
      case null:
      case "title":
        return contains(product.title, value);
      case "handle":
        return product.handle === value;
      case "id":
        return legacyId(product.id) === value;
      case "product_type":
        return product.productType.toLowerCase() === value.toLowerCase();
      case "vendor":
        return product.vendor.toLowerCase() === value.toLowerCase();
      case "tag":
        return product.tags.some((t) => t.toLowerCase() === value.toLowerCase());
      case "status":
        return product.status.toLowerCase() === value.toLowerCase();
      default:
        return unsupportedFilter("products", field);
    }
  };
}

function unsupportedFilter(fieldName: string, filter: string): never {
  throw new ShopifyGraphQLError(
    `The OneCode emulator does not implement the '${filter}' filter on ${fieldName}.`,
    "NOT_IMPLEMENTED",
  );
}

export const catalogResolvers: ResolverMap = {
  QueryRoot: {
    product: (_s, args: { id: string }, ctx: ResolverContext) => {
      const id = idArg(args.id, "Product");
      return (id && ctx.shop.products.get(id)) ?? null;
    },
    products: (_s, args: ListArgs, ctx: ResolverContext) =>
      connection(
        "products",
        filtered([...ctx.shop.products.values()], args.query, productMatcher),
        args,
        sortKeyed<Product>("products", args.sortKey, {
          ID: () => 0,
          TITLE: (p) => p.title.toLowerCase(),
          CREATED_AT: (p) => p.createdAt,
          UPDATED_AT: (p) => p.updatedAt,
          PRODUCT_TYPE: (p) => p.productType,
          VENDOR: (p) => p.vendor,
        }),
      ),
    productVariant: (_s, args: { id: string }, ctx: ResolverContext) => {
      const id = idArg(args.id, "ProductVariant");
      return (id && getVariant(ctx.shop, id)?.variant) ?? null;
    },
    collection: (_s, args: { id: string }, ctx: ResolverContext) => {
      const id = idArg(args.id, "Collection");
      return (id && ctx.shop.collections.get(id)) ?? null;
    },
    collections: (_s, args: ListArgs, ctx: ResolverContext) =>
      connection(
        "collections",
        filtered([...ctx.shop.collections.values()], args.query, (c) => (field, _cmp, value) => {
          if (field === null || field === "title") return contains(c.title, value);
          if (field === "handle") return c.handle === value;
          if (field === "id") return legacyId(c.id) === value;
          return unsupportedFilter("collections", field);
        }),
        args,
        sortKeyed<Collection>("collections", args.sortKey, {
          ID: () => 0,
          TITLE: (c) => c.title.toLowerCase(),
          UPDATED_AT: (c) => c.updatedAt,
        }),
      ),
    customer: (_s, args: { id: string }, ctx: ResolverContext) => {
      const id = idArg(args.id, "Customer");
      return (id && ctx.shop.customers.get(id)) ?? null;
    },
    customers: (_s, args: ListArgs, ctx: ResolverContext) =>
      connection(
        "customers",
        filtered([...ctx.shop.customers.values()], args.query, (c) => (field, _cmp, value) => {
          const name = `${c.firstName ?? ""} ${c.lastName ?? ""}`;
          if (field === null) return contains(name, value) || contains(c.email, value);
          if (field === "email") return (c.email ?? "").toLowerCase() === value.toLowerCase();
          if (field === "tag") return c.tags.some((t) => t.toLowerCase() === value.toLowerCase());
          if (field === "id") return legacyId(c.id) === value;
          return unsupportedFilter("customers", field);
        }),
        args,
        sortKeyed<Customer>("customers", args.sortKey, {
          ID: () => 0,
          CREATED_AT: (c) => c.createdAt,
          UPDATED_AT: (c) => c.updatedAt,
          NAME: (c) => `${c.firstName ?? ""} ${c.lastName ?? ""}`.toLowerCase(),
        }),
      ),
  },
  Product: {
    id: (p: Product) => p.id,
    legacyResourceId,
    title: (p: Product) => p.title,
    handle: (p: Product) => p.handle,
    vendor: (p: Product) => p.vendor,
    productType: (p: Product) => p.productType,
    tags: (p: Product) => p.tags,
    status: (p: Product) => p.status,
    createdAt: (p: Product) => p.createdAt,
    updatedAt: (p: Product) => p.updatedAt,
    hasOnlyDefaultVariant: (p: Product) =>
      p.variants.length === 1 && p.variants[0]?.title === "Default Title",
    variants: (p: Product, args: ConnectionArgs) => connection("variants", p.variants, args, byId),
    variantsCount: (p: Product) => count(p.variants.length),
    collections: (p: Product, args: ConnectionArgs, ctx: ResolverContext) =>
      connection("collections", collectionsOfProduct(ctx.shop, p.id), args, byId),
    inCollection: (p: Product, args: { id: string }, ctx: ResolverContext) =>
      ctx.shop.collections.get(args.id)?.productIds.includes(p.id) ?? false,
    priceRangeV2: (p: Product, _a, ctx: ResolverContext) => {
      const prices = p.variants.map((v) => v.priceCents);
      return plain({
        minVariantPrice: money(Math.min(...prices), ctx.shop.currency),
        maxVariantPrice: money(Math.max(...prices), ctx.shop.currency),
      });
    },
    ...metafieldResolvers((p: Product) => p.id),
  },
  ProductVariant: {
    id: (v: ProductVariant) => v.id,
    legacyResourceId,
    title: (v: ProductVariant) => v.title,
    sku: (v: ProductVariant) => v.sku,
    price: (v: ProductVariant) => centsToDecimal(v.priceCents),
    displayName: (v: ProductVariant, _a, ctx: ResolverContext) => {
      const product = getVariant(ctx.shop, v.id)?.product;
      return product ? `${product.title} - ${v.title}` : v.title;
    },
    product: (v: ProductVariant, _a, ctx: ResolverContext) => getVariant(ctx.shop, v.id)?.product,
  },
  Collection: {
    id: (c: Collection) => c.id,
    legacyResourceId,
    title: (c: Collection) => c.title,
    handle: (c: Collection) => c.handle,
    updatedAt: (c: Collection) => c.updatedAt,
    products: (c: Collection, args: ConnectionArgs, ctx: ResolverContext) =>
      connection(
        "products",
        c.productIds.map((id) => ctx.shop.products.get(id)).filter((p): p is Product => Boolean(p)),
        args,
        byId,
      ),
    productsCount: (c: Collection) => count(c.productIds.length),
    hasProduct: (c: Collection, args: { id: string }) => c.productIds.includes(args.id),
    ...metafieldResolvers((c: Collection) => c.id),
  },
  Customer: {
    id: (c: Customer) => c.id,
    legacyResourceId,
    email: (c: Customer) => c.email,
    defaultEmailAddress: (c: Customer) =>
      c.email
        ? plain({ emailAddress: c.email, validFormat: /^[^@\s]+@[^@\s]+$/.test(c.email) })
        : null,
    firstName: (c: Customer) => c.firstName,
    lastName: (c: Customer) => c.lastName,
    displayName: (c: Customer) =>
      [c.firstName, c.lastName].filter(Boolean).join(" ") || c.email || "Unknown customer",
    tags: (c: Customer) => c.tags,
    numberOfOrders: (c: Customer) => String(c.numberOfOrders),
    amountSpent: (c: Customer, _a, ctx: ResolverContext) =>
      money(c.amountSpentCents, ctx.shop.currency),
    createdAt: (c: Customer) => c.createdAt,
    updatedAt: (c: Customer) => c.updatedAt,
    ...metafieldResolvers((c: Customer) => c.id),
  },
};
