// The function's input, built the way Shopify builds it: by executing the target's own input
// query against the Discount Function API schema, with field resolvers over this cart, and
// with the query's variables taken from the discount's input-variables metafield ("each top
// level key corresponds to a variable name ... For any variables which do not appear as top
// level keys in the metafield, a value of null will be used",
// shopify.dev/docs/apps/build/functions/input-queries/use-variables-input-queries).
// A query that is invalid, or that asks for a field this cart cannot answer, fails loudly.
import { readFileSync } from "node:fs";
import {
  buildSchema,
  executeSync,
  parse,
  validate,
  Kind,
  type DocumentNode,
  type GraphQLSchema,
} from "graphql";
import { customerHasAnyTag, productInAnyCollection } from "../store/catalog";
import { getMetafield, resolveNamespace } from "../store/metafields";
import type { AppRegistration, CodeDiscount, Gid, ShopRecord } from "../store/types";
import { decimal, toPresentment, type Cart } from "./cart";
import type { FunctionExtension, FunctionTarget } from "./function-extension";

const schemas = new Map<string, GraphQLSchema>();
const documents = new Map<string, DocumentNode>();

export function functionSchema(extension: FunctionExtension): GraphQLSchema {
  let schema = schemas.get(extension.schemaPath);
  if (!schema) {
    schema = buildSchema(readFileSync(extension.schemaPath, "utf8"));
    schemas.set(extension.schemaPath, schema);
  }
  return schema;
}

export interface InputContext {
  cart: Cart;
  discount: CodeDiscount;
  app: AppRegistration;
  /** The code as the shopper entered it; null for an automatic discount's run. */
  code: string | null;
  /**
   * Entered codes whose discount already applied to this cart: not `rejectable` ("A discount
   * code can't be rejected if it's associated with a discount that has already been applied to
   * the cart", EnteredDiscountCode.rejectable in the Discount Function API schema).
   */
  applied: ReadonlySet<string>;
  target: FunctionTarget;
  extension: FunctionExtension;
}

export type InputResult = { ok: true; input: unknown } | { ok: false; error: string };

export function buildFunctionInput(ctx: InputContext): InputResult {
  const schema = functionSchema(ctx.extension);
  let document = documents.get(ctx.target.inputQueryPath);
  if (!document) {
    document = parse(ctx.target.inputQuery);
    const errors = validate(schema, document);
    if (errors.length > 0)
      return { ok: false, error: `Invalid input query: ${errors[0]?.message}` };
    documents.set(ctx.target.inputQueryPath, document);
  }
  const result = executeSync({
    schema,
    document,
    rootValue: root(ctx),
    variableValues: variables(ctx, document),
  });
  if (result.errors?.length)
    return { ok: false, error: `Input query failed: ${result.errors[0]?.message}` };
  return { ok: true, input: result.data };
}

function variables(ctx: InputContext, document: DocumentNode): Record<string, unknown> {
  const spec = ctx.extension.inputVariables;
  const stored = spec
    ? readJsonMetafield(ctx.cart.shop, ctx.app, ctx.discount.id, spec.namespace, spec.key)
    : null;
  const source =
    stored && typeof stored === "object" && !Array.isArray(stored)
      ? (stored as Record<string, unknown>)
      : {};
  const values: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const name = variable.variable.name.value;
      values[name] = source[name] ?? null;
    }
  }
  return values;
}

function readJsonMetafield(
  shop: ShopRecord,
  app: AppRegistration,
  owner: Gid,
  ns: string,
  key: string,
): unknown {
  const field = getMetafield(shop, owner, resolveNamespace(ns, app.id), key);
  if (!field) return null;
  try {
    return JSON.parse(field.value);
  } catch {
    return null;
  }
}

type Args = Record<string, unknown>;

function metafieldResolver(ctx: InputContext, owner: Gid) {
  return ({ namespace, key }: Args) => {
    const field = getMetafield(
      ctx.cart.shop,
      owner,
      resolveNamespace(namespace as string | null, ctx.app.id),
      String(key),
    );
    // Shopify returns no metafield over 10,000 bytes to a function.
    if (!field || Buffer.byteLength(field.value) > 10_000) return null;
    let jsonValue: unknown = field.value;
    try {
      jsonValue = JSON.parse(field.value);
    } catch {
      // Non-JSON types (single_line_text_field ...) give their text, as Shopify does.
    }
    return { type: field.type, value: field.value, jsonValue };
  };
}

function money(ctx: InputContext, minor: number) {
  return { amount: decimal(minor, ctx.cart.digits), currencyCode: ctx.cart.currency };
}

function root(ctx: InputContext) {
  const { cart } = ctx;
  const customer = cart.customer;
  const subtotal = cart.lines.reduce((sum, line) => sum + line.subtotal, 0);
  const lines = cart.lines.map((line) => ({
    id: line.id,
    quantity: line.quantity,
    attribute: () => null,
    discountAllocations: [],
    parentRelationship: null,
    sellingPlanAllocation: null,
    cost: {
      amountPerQuantity: money(ctx, Math.round(line.subtotal / line.quantity)),
      compareAtAmountPerQuantity: null,
      subtotalAmount: money(ctx, line.subtotal),
      totalAmount: money(ctx, line.subtotal),
    },
    merchandise: {
      __typename: "ProductVariant",
      id: line.variant.id,
      title: line.variant.title,
      sku: line.variant.sku,
      requiresShipping: true,
      weight: null,
      weightUnit: "KILOGRAMS",
      metafield: metafieldResolver(ctx, line.variant.id),
      product: {
        id: line.product.id,
        title: line.product.title,
        handle: line.product.handle,
        vendor: line.product.vendor,
        productType: line.product.productType,
        isGiftCard: false,
        hasAnyTag: ({ tags }: Args) => hasAny(line.product.tags, tags as string[]),
        hasTags: ({ tags }: Args) =>
          (tags as string[]).map((tag) => ({ tag, hasTag: hasAny(line.product.tags, [tag]) })),
        inAnyCollection: ({ ids }: Args) =>
          productInAnyCollection(cart.shop, line.product.id, ids as string[]),
        inCollections: ({ ids }: Args) =>
          (ids as string[]).map((id) => ({
            collectionId: id,
            isMember: productInAnyCollection(cart.shop, line.product.id, [id]),
          })),
        metafield: metafieldResolver(ctx, line.product.id),
      },
    },
  }));
  const deliveryOption = cart.shipping && {
    handle: cart.shipping.handle,
    title: cart.shipping.title,
    code: cart.shipping.title,
    description: null,
    deliveryMethodType: "SHIPPING",
    cost: money(ctx, cart.shipping.price),
  };
  return {
    triggeringDiscountCode: ctx.code,
    presentmentCurrencyRate: cart.rate,
    enteredDiscountCodes: cart.codes.map((code) => ({
      code,
      rejectable: !ctx.applied.has(code.toLowerCase()),
    })),
    localization: {
      country: { isoCode: cart.country },
      language: { isoCode: cart.language },
    },
    discount: {
      discountClasses: ctx.discount.discountClasses,
      metafield: metafieldResolver(ctx, ctx.discount.id),
    },
    cart: {
      attribute: () => null,
      buyerIdentity: {
        customer: customer && {
          id: customer.id,
          email: customer.email,
          firstName: customer.firstName,
          lastName: customer.lastName,
          displayName:
            [customer.firstName, customer.lastName].filter(Boolean).join(" ") ||
            customer.email ||
            "",
          numberOfOrders: customer.numberOfOrders,
          amountSpent: money(
            ctx,
            toPresentment(customer.amountSpentCents, Number(cart.rate), cart.digits),
          ),
          hasAnyTag: ({ tags }: Args) => customerHasAnyTag(customer, tags as string[]),
          hasTags: ({ tags }: Args) =>
            (tags as string[]).map((tag) => ({ tag, hasTag: customerHasAnyTag(customer, [tag]) })),
          metafield: metafieldResolver(ctx, customer.id),
        },
        email: cart.email,
        phone: null,
        isAuthenticated: customer !== null,
        purchasingCompany: null,
      },
      cost: {
        subtotalAmount: money(ctx, subtotal),
        totalAmount: money(ctx, subtotal + (cart.shipping?.price ?? 0)),
        totalTaxAmount: null,
        totalDutyAmount: null,
      },
      lines,
      deliverableLines: lines.map(({ id, quantity, merchandise }) => ({
        id,
        quantity,
        merchandise,
        attribute: () => null,
      })),
      deliveryGroups: deliveryOption
        ? [
            {
              id: "gid://shopify/CartDeliveryGroup/1",
              groupType: "ONE_TIME_PURCHASE",
              cartLines: lines,
              deliveryAddress: null,
              deliveryOptions: [deliveryOption],
              selectedDeliveryOption: deliveryOption,
              discountAllocations: [],
            },
          ]
        : [],
      discountApplications: [],
      metafield: () => null,
      localizedFields: () => [],
      retailLocation: null,
      poNumber: null,
      billingAddress: null,
    },
  };
}

// Shopify matches tags case-insensitively.
function hasAny(own: string[], wanted: string[]): boolean {
  const set = new Set(own.map((tag) => tag.toLowerCase()));
  return wanted.some((tag) => set.has(tag.toLowerCase()));
}
