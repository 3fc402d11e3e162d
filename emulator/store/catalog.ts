import { nowIso, type EmulatorState } from "./context";
import { nextGid } from "./ids";
import type { Collection, Customer, Gid, Product, ProductVariant, ShopRecord } from "./types";

export interface NewProduct {
  title: string;
  handle?: string;
  vendor?: string;
  productType?: string;
  tags?: string[];
  /** One variant per entry; a product with a single default variant passes one. */
  variants: { title?: string; sku?: string | null; priceCents: number }[];
}

function handleize(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export function createProduct(state: EmulatorState, shop: ShopRecord, input: NewProduct): Product {
  const at = nowIso(state);
  const product: Product = {
    id: nextGid(state.ids, "Product"),
    title: input.title,
    handle: input.handle ?? handleize(input.title),
    vendor: input.vendor ?? shop.name,
    productType: input.productType ?? "",
    tags: input.tags ?? [],
    status: "ACTIVE",
    variants: input.variants.map((v): ProductVariant => ({
      id: nextGid(state.ids, "ProductVariant"),
      title: v.title ?? "Default Title",
      sku: v.sku ?? null,
      priceCents: v.priceCents,
    })),
    createdAt: at,
    updatedAt: at,
  };
  shop.products.set(product.id, product);
  return product;
}

export function getProduct(shop: ShopRecord, id: Gid): Product | undefined {
  return shop.products.get(id);
}

export function listProducts(shop: ShopRecord): Product[] {
  return [...shop.products.values()];
}

/** A variant and its product, by variant id (what a cart line refers to). */
export function getVariant(
  shop: ShopRecord,
  variantId: Gid,
): { product: Product; variant: ProductVariant } | undefined {
  for (const product of shop.products.values()) {
    const variant = product.variants.find((v) => v.id === variantId);
    if (variant) return { product, variant };
  }
  return undefined;
}

export function createCollection(
  state: EmulatorState,
  shop: ShopRecord,
  input: { title: string; handle?: string; productIds?: Gid[] },
): Collection {
  const collection: Collection = {
    id: nextGid(state.ids, "Collection"),
    title: input.title,
    handle: input.handle ?? handleize(input.title),
    productIds: [...(input.productIds ?? [])],
    updatedAt: nowIso(state),
  };
  shop.collections.set(collection.id, collection);
  return collection;
}

export function getCollection(shop: ShopRecord, id: Gid): Collection | undefined {
  return shop.collections.get(id);
}

export function listCollections(shop: ShopRecord): Collection[] {
  return [...shop.collections.values()];
}

export function collectionsOfProduct(shop: ShopRecord, productId: Gid): Collection[] {
  return listCollections(shop).filter((c) => c.productIds.includes(productId));
}

export function productInAnyCollection(
  shop: ShopRecord,
  productId: Gid,
  collectionIds: Gid[],
): boolean {
  return collectionIds.some(
    (id) => shop.collections.get(id)?.productIds.includes(productId) ?? false,
  );
}

export interface NewCustomer {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  tags?: string[];
  numberOfOrders?: number;
  amountSpentCents?: number;
}

export function createCustomer(
  state: EmulatorState,
  shop: ShopRecord,
  input: NewCustomer,
): Customer {
  const at = nowIso(state);
  const customer: Customer = {
    id: nextGid(state.ids, "Customer"),
    email: input.email ?? null,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    tags: input.tags ?? [],
    numberOfOrders: input.numberOfOrders ?? 0,
    amountSpentCents: input.amountSpentCents ?? 0,
    createdAt: at,
    updatedAt: at,
  };
  shop.customers.set(customer.id, customer);
  return customer;
}

export function getCustomer(shop: ShopRecord, id: Gid): Customer | undefined {
  return shop.customers.get(id);
}

export function listCustomers(shop: ShopRecord): Customer[] {
  return [...shop.customers.values()];
}

export function findCustomerByEmail(shop: ShopRecord, email: string): Customer | undefined {
  const wanted = email.toLowerCase();
  return listCustomers(shop).find((c) => c.email?.toLowerCase() === wanted);
}

/** Shopify compares customer tags case-insensitively (hasAnyTag in the function API). */
export function customerHasAnyTag(customer: Customer, tags: string[]): boolean {
  const own = new Set(customer.tags.map((t) => t.toLowerCase()));
  return tags.some((t) => own.has(t.toLowerCase()));
}
