import {
  automaticDiscountsOf,
  createAutomaticDiscount,
  deleteAutomaticDiscount,
  discountStatus,
  updateCodeDiscount,
} from "../../store/discounts";
import { resolveNamespace, setMetafield } from "../../store/metafields";
import type { CodeDiscount, UserError } from "../../store/types";
import type { ResolverContext } from "../context";
import { ShopifyGraphQLError } from "../errors";
import { plain } from "../plain";
import type { ResolverMap } from "../resolve";
import { idArg, metafieldResolvers, userErrors } from "./common";
import { err, readDiscountInput, resolveFunction, type DiscountInput } from "./discount-input";

// Automatic app discounts: discountAutomaticAppCreate, discountAutomaticAppUpdate,
// discountAutomaticDelete and automaticDiscountNode, as Shopify's Admin API 2026-04 has them
// (https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountAutomaticAppCreate:
// "Creates an automatic discount that's managed by an app. Use this mutation with Shopify
// Functions"). No code: the checkout runs its function on every cart (checkout/discount-run.ts).
// Unknown ids answer "Automatic discount does not exist." (INVALID) on `id`.

const NOT_FOUND: UserError = err(["id"], "Automatic discount does not exist.", "INVALID");
const ARG = "automaticAppDiscount";

function findAutomatic(ctx: ResolverContext, id: string): CodeDiscount | undefined {
  const gid = idArg(id, "DiscountAutomaticNode");
  return gid ? automaticDiscountsOf(ctx.shop).get(gid) : undefined;
}

function writeMetafields(ctx: ResolverContext, discount: CodeDiscount, input: DiscountInput) {
  for (const m of input.metafields ?? []) {
    setMetafield(ctx.state, ctx.shop, {
      ownerId: discount.id,
      namespace: resolveNamespace(m.namespace, ctx.app.id),
      key: m.key ?? "",
      type: m.type ?? "",
      value: m.value ?? "",
    });
  }
}

function createAutomatic(ctx: ResolverContext, input: DiscountInput) {
  const fn = resolveFunction(ctx, input, ARG);
  const now = new Date(ctx.state.now()).toISOString();
  const { changes, errors } = readDiscountInput(ctx, input, ARG, "update", {
    startsAt: input.startsAt ?? now,
    endsAt: null,
    customerIds: null,
    codeCount: 0,
  });
  if (!input.title?.trim()) errors.push(err([ARG, "title"], "Title can't be blank", "BLANK"));
  if (!input.startsAt) errors.push(err([ARG, "startsAt"], "Starts at can't be blank", "BLANK"));
  if ("error" in fn) errors.unshift(fn.error);
  if (!input.discountClasses) {
    errors.push(err([ARG, "discountClasses"], "Discount classes can't be blank", "BLANK"));
  }
  if (errors.length > 0 || "error" in fn) {
    return plain({ automaticAppDiscount: null, userErrors: userErrors(errors) });
  }
  const discount = createAutomaticDiscount(ctx.state, ctx.shop, {
    kind: "app",
    title: "",
    startsAt: now,
    endsAt: null,
    usageLimit: null,
    appliesOncePerCustomer: false,
    combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: false },
    discountClasses: ["ORDER"],
    tags: [],
    functionId: fn.fn.id,
    appApiKey: ctx.app.apiKey,
    appliesOnOneTimePurchase: true,
    appliesOnSubscription: false,
    recurringCycleLimit: 1,
    basic: null,
    customerIds: null,
    ...changes,
  });
  writeMetafields(ctx, discount, input);
  return plain({ automaticAppDiscount: discount, userErrors: [] });
}

function updateAutomatic(ctx: ResolverContext, id: string, input: DiscountInput) {
  const discount = findAutomatic(ctx, id);
  if (!discount || discount.appApiKey !== ctx.app.apiKey) {
    return plain({ automaticAppDiscount: null, userErrors: userErrors([NOT_FOUND]) });
  }
  const { changes, errors } = readDiscountInput(ctx, input, ARG, "update", {
    startsAt: discount.startsAt,
    endsAt: discount.endsAt,
    customerIds: discount.customerIds,
    codeCount: 0,
  });
  if (input.functionId || input.functionHandle) {
    const fn = resolveFunction(ctx, input, ARG);
    if ("error" in fn) errors.unshift(fn.error);
    else changes.functionId = fn.fn.id;
  }
  if (errors.length > 0) {
    return plain({ automaticAppDiscount: null, userErrors: userErrors(errors) });
  }
  updateCodeDiscount(ctx.state, discount, changes);
  writeMetafields(ctx, discount, input);
  return plain({ automaticAppDiscount: discount, userErrors: [] });
}

export const automaticDiscountResolvers: ResolverMap = {
  QueryRoot: {
    automaticDiscountNode: (_s, args: { id: string }, ctx: ResolverContext) =>
      findAutomatic(ctx, args.id) ?? null,
  },
  Mutation: {
    discountAutomaticAppCreate: (
      _s,
      args: { automaticAppDiscount: DiscountInput },
      ctx: ResolverContext,
    ) => createAutomatic(ctx, args.automaticAppDiscount),
    discountAutomaticAppUpdate: (
      _s,
      args: { id: string; automaticAppDiscount: DiscountInput },
      ctx: ResolverContext,
    ) => updateAutomatic(ctx, args.id, args.automaticAppDiscount),
    discountAutomaticDelete: (_s, args: { id: string }, ctx: ResolverContext) => {
      const discount = findAutomatic(ctx, args.id);
      if (!discount) {
        return plain({ deletedAutomaticDiscountId: null, userErrors: userErrors([NOT_FOUND]) });
      }
      deleteAutomaticDiscount(ctx.shop, discount.id);
      return plain({ deletedAutomaticDiscountId: discount.id, userErrors: [] });
    },
  },
  DiscountAutomaticNode: {
    id: (d: CodeDiscount) => d.id,
    automaticDiscount: (d: CodeDiscount) => d,
    ...metafieldResolvers((d: CodeDiscount) => d.id),
  },
  DiscountAutomaticApp: {
    discountId: (d: CodeDiscount) => d.id,
    title: (d: CodeDiscount) => d.title,
    status: (d: CodeDiscount, _a, ctx: ResolverContext) => discountStatus(ctx.state, d),
    startsAt: (d: CodeDiscount) => d.startsAt,
    endsAt: (d: CodeDiscount) => d.endsAt,
    createdAt: (d: CodeDiscount) => d.createdAt,
    updatedAt: (d: CodeDiscount) => d.updatedAt,
    combinesWith: (d: CodeDiscount) => plain({ ...d.combinesWith }),
    discountClasses: (d: CodeDiscount) => d.discountClasses,
    discountClass: (d: CodeDiscount) => d.discountClasses[0],
    tags: (d: CodeDiscount) => d.tags,
    appliesOnOneTimePurchase: (d: CodeDiscount) => d.appliesOnOneTimePurchase,
    appliesOnSubscription: (d: CodeDiscount) => d.appliesOnSubscription,
    recurringCycleLimit: (d: CodeDiscount) => d.recurringCycleLimit,
    // The emulator records no orders against automatic discounts.
    asyncUsageCount: () => 0,
    appDiscountType: () => {
      throw new ShopifyGraphQLError(
        "The OneCode emulator does not implement DiscountAutomaticApp.appDiscountType.",
        "NOT_IMPLEMENTED",
      );
    },
  },
};
