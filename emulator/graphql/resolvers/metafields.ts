import { automaticDiscountsOf } from "../../store/discounts";
import { gidType } from "../../store/ids";
import {
  compareDigestOf,
  getMetafield,
  ownerTypeOf,
  resolveNamespace,
  setMetafield,
  validateMetafieldWrite,
  type MetafieldWrite,
} from "../../store/metafields";
import type { Metafield, UserError } from "../../store/types";
import type { ResolverContext } from "../context";
import { plain } from "../plain";
import type { ResolverMap } from "../resolve";
import { accessDenied, effectiveScopes } from "../scopes";
import { legacyResourceId } from "./common";

// metafieldsSet (https://shopify.dev/docs/api/admin-graphql/latest/mutations/metafieldsSet):
// at most 25 metafields a call, atomic (one invalid input and none is written), compareDigest for
// optimistic concurrency, and the same write access as the owner's own mutations need.

const MAX_METAFIELDS_PER_CALL = 25;

// Write scope an owner type needs ("the same access level needed to mutate the owner resource").
const OWNER_WRITE_SCOPE: Record<string, string> = {
  DiscountCodeNode: "write_discounts",
  DiscountAutomaticNode: "write_discounts",
  Customer: "write_customers",
  Product: "write_products",
  Collection: "write_products",
  Order: "write_orders",
};

function setErrors(errors: UserError[], index: number) {
  return errors.map((e) =>
    plain({ field: e.field, message: e.message, code: e.code, elementIndex: index }),
  );
}

export const metafieldResolvers: ResolverMap = {
  Mutation: {
    metafieldsSet: (_s, args: { metafields: MetafieldWrite[] }, ctx: ResolverContext) => {
      if (args.metafields.length > MAX_METAFIELDS_PER_CALL) {
        return plain({
          metafields: null,
          userErrors: [
            plain({
              field: ["metafields"],
              message: `Exceeded the maximum metafields input limit of ${MAX_METAFIELDS_PER_CALL}.`,
              code: "LESS_THAN_OR_EQUAL_TO",
              elementIndex: null,
            }),
          ],
        });
      }
      const scopes = effectiveScopes(ctx.installation.scopes);
      for (const input of args.metafields) {
        const needed = OWNER_WRITE_SCOPE[gidType(input.ownerId) ?? ""];
        if (needed && !scopes.has(needed)) {
          throw accessDenied("metafieldsSet", `\`${needed}\` access scope.`);
        }
      }
      const userErrors = args.metafields.flatMap((input, i) => {
        const errors = validateMetafieldWrite(ctx.shop, input, ["metafields", String(i)]);
        if (errors.length === 0 && input.compareDigest !== undefined) {
          const existing = getMetafield(
            ctx.shop,
            input.ownerId,
            resolveNamespace(input.namespace, ctx.app.id),
            input.key,
          );
          const current = existing ? compareDigestOf(existing) : null;
          if (input.compareDigest !== current) {
            errors.push({
              field: ["metafields", String(i)],
              message:
                "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.",
              code: "STALE_OBJECT",
            });
          }
        }
        return setErrors(errors, i);
      });
      if (userErrors.length > 0) return plain({ metafields: [], userErrors });
      const metafields = args.metafields.map((input) =>
        setMetafield(ctx.state, ctx.shop, {
          ownerId: input.ownerId,
          namespace: resolveNamespace(input.namespace, ctx.app.id),
          key: input.key,
          type: input.type ?? "",
          value: input.value,
        }),
      );
      return plain({ metafields, userErrors: [] });
    },
  },
  Metafield: {
    id: (m: Metafield) => m.id,
    legacyResourceId,
    namespace: (m: Metafield) => m.namespace,
    key: (m: Metafield) => m.key,
    type: (m: Metafield) => m.type,
    value: (m: Metafield) => m.value,
    jsonValue: (m: Metafield) => {
      if (m.type === "json") return JSON.parse(m.value) as unknown;
      if (m.type === "boolean") return m.value === "true";
      if (m.type === "number_integer") return Number(m.value);
      return m.value;
    },
    createdAt: (m: Metafield) => m.createdAt,
    updatedAt: (m: Metafield) => m.updatedAt,
    compareDigest: (m: Metafield) => compareDigestOf(m),
    ownerType: (m: Metafield) => ownerTypeOf(m.ownerId),
    owner: (m: Metafield, _a, ctx: ResolverContext) => {
      const shop = ctx.shop;
      return (
        shop.discounts.get(m.ownerId) ??
        automaticDiscountsOf(shop).get(m.ownerId) ??
        shop.customers.get(m.ownerId) ??
        shop.products.get(m.ownerId) ??
        shop.collections.get(m.ownerId) ??
        shop.orders.get(m.ownerId) ??
        (m.ownerId === shop.id ? shop : null)
      );
    },
  },
};
