import { listCollections, listProducts } from "../store/catalog";
import { centsToDecimal } from "../store/money";
import type { Collection, Product, ProductVariant, ShopRecord } from "../store/types";
import type { PickerType } from "../app-bridge/protocol";

// The resource picker's selection payload, in App Bridge's shapes (Product, ProductVariant,
// Collection of @shopify/app-bridge-types), filled only from what the store knows: a field the
// store does not hold is left out rather than invented. Products need a products scope, as on
// Shopify, where the picker reads through the app's access.

const PRODUCT_SCOPES = ["read_products", "write_products"];

function variantPayload(product: Product, variant: ProductVariant) {
  const defaultOnly = product.variants.length === 1 && variant.title === "Default Title";
  return {
    id: variant.id,
    title: variant.title,
    displayName: defaultOnly ? product.title : `${product.title} - ${variant.title}`,
    price: centsToDecimal(variant.priceCents),
    sku: variant.sku,
    product: { id: product.id, title: product.title },
  };
}

function productPayload(product: Product) {
  return {
    id: product.id,
    title: product.title,
    handle: product.handle,
    vendor: product.vendor,
    productType: product.productType,
    tags: product.tags,
    status: product.status,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    images: [],
    totalVariants: product.variants.length,
    hasOnlyDefaultVariant:
      product.variants.length === 1 && product.variants[0]!.title === "Default Title",
    variants: product.variants.map((v) => variantPayload(product, v)),
  };
}

function collectionPayload(collection: Collection) {
  return {
    id: collection.id,
    title: collection.title,
    handle: collection.handle,
    productsCount: collection.productIds.length,
    updatedAt: collection.updatedAt,
  };
}

export type PickerAnswer =
  { ok: true; resources: { id: string; title: string }[] } | { ok: false; error: string };

export function pickerResources(
  shop: ShopRecord,
  apiKey: string,
  type: PickerType,
  query: string,
): PickerAnswer {
  const scopes = shop.installations.get(apiKey)?.scopes ?? [];
  if (!scopes.some((s) => PRODUCT_SCOPES.includes(s))) {
    return {
      ok: false,
      error: "The app needs the read_products access scope to use the resource picker",
    };
  }
  const needle = query.trim().toLowerCase();
  const matches = (title: string) => needle === "" || title.toLowerCase().includes(needle);
  if (type === "collection") {
    return {
      ok: true,
      resources: listCollections(shop)
        .filter((c) => matches(c.title))
        .map(collectionPayload),
    };
  }
  if (type === "product") {
    return {
      ok: true,
      resources: listProducts(shop)
        .filter((p) => matches(p.title))
        .map(productPayload),
    };
  }
  const variants = listProducts(shop).flatMap((p) => p.variants.map((v) => variantPayload(p, v)));
  return { ok: true, resources: variants.filter((v) => matches(v.displayName)) };
}
