import { createCollection, createCustomer, createProduct } from "./catalog";
import type { EmulatorState } from "./context";
import { createOrder } from "./orders";
import { createShop } from "./shops";
import type { ShopRecord } from "./types";

export const DEMO_SHOP = "onecode-demo.myshopify.com";

const PRODUCTS: { title: string; type: string; cents: number; collections: string[] }[] = [
  { title: "Classic Tee", type: "Apparel", cents: 2500, collections: ["Apparel", "Bestsellers"] },
  { title: "Heavyweight Hoodie", type: "Apparel", cents: 6500, collections: ["Apparel"] },
  { title: "Everyday Cap", type: "Apparel", cents: 2200, collections: ["Apparel", "Accessories"] },
  { title: "Merino Socks", type: "Apparel", cents: 1800, collections: ["Apparel"] },
  {
    title: "Canvas Tote",
    type: "Accessories",
    cents: 3000,
    collections: ["Accessories", "Bestsellers"],
  },
  { title: "Leather Wallet", type: "Accessories", cents: 5500, collections: ["Accessories"] },
  { title: "Steel Water Bottle", type: "Accessories", cents: 2800, collections: ["Accessories"] },
  { title: "Enamel Mug", type: "Home", cents: 1600, collections: ["Bestsellers"] },
  { title: "Linen Apron", type: "Home", cents: 3900, collections: [] },
  { title: "Sticker Pack", type: "Accessories", cents: 500, collections: ["Accessories"] },
  { title: "Gift Box", type: "Home", cents: 9900, collections: [] },
  { title: "Rain Jacket", type: "Apparel", cents: 12000, collections: ["Apparel"] },
];

/** The demo shop of BRIEF-COMMON: a dozen products in three collections and four customers. */
export function seedDemoShop(state: EmulatorState): ShopRecord {
  const shop = createShop(state, {
    domain: DEMO_SHOP,
    name: "OneCode Demo",
    email: "owner@onecode-demo.example",
    plan: "Basic",
    currency: "USD",
  });
  const collectionMembers = new Map<string, string[]>();
  for (const p of PRODUCTS) {
    const product = createProduct(state, shop, {
      title: p.title,
      productType: p.type,
      vendor: "OneCode Demo",
      variants: [{ priceCents: p.cents, sku: p.title.toUpperCase().replace(/\W+/g, "-") }],
    });
    for (const c of p.collections)
      collectionMembers.set(c, [...(collectionMembers.get(c) ?? []), product.id]);
  }
  for (const [title, productIds] of collectionMembers)
    createCollection(state, shop, { title, productIds });

  createCustomer(state, shop, {
    email: "ada@example.com",
    firstName: "Ada",
    lastName: "Lovelace",
    tags: ["vip"],
  });
  createCustomer(state, shop, {
    email: "grace@example.com",
    firstName: "Grace",
    lastName: "Hopper",
    tags: ["newsletter", "partner-acme"],
  });
  createCustomer(state, shop, {
    email: "alan@example.com",
    firstName: "Alan",
    lastName: "Turing",
    tags: [],
  });
  const returning = createCustomer(state, shop, {
    email: "katherine@example.com",
    firstName: "Katherine",
    lastName: "Johnson",
    tags: ["returning"],
  });
  const [first, second] = [...shop.products.values()];
  for (const product of [first, second]) {
    const variant = product?.variants[0];
    if (!product || !variant) continue;
    createOrder(state, shop, {
      customerId: returning.id,
      lineItems: [
        {
          productId: product.id,
          variantId: variant.id,
          title: product.title,
          quantity: 1,
          unitPriceCents: variant.priceCents,
        },
      ],
    });
  }
  return shop;
}
