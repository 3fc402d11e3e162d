import { addRedeemCode, codesOfDiscount } from "../../store/index";
import {
  activateDiscount,
  createCodeDiscount,
  deactivateDiscount,
  deleteCodeDiscount,
  updateCodeDiscount,
  type NewCodeDiscount,
} from "../../store/discounts";
import { resolveNamespace, setMetafield } from "../../store/metafields";
import type { CodeDiscount, UserError } from "../../store/types";
import type { ResolverContext } from "../context";
import { plain } from "../plain";
import type { ResolverMap } from "../resolve";
import { idArg, userErrors } from "./common";
import { err, readDiscountInput, resolveFunction, type DiscountInput } from "./discount-input";

// Code discount mutations. Semantics and userErrors follow Shopify's Admin API 2026-04:
// https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountCodeAppCreate,
// .../discountCodeAppUpdate, .../discountCodeBasicCreate, .../discountCodeActivate,
// .../discountCodeDeactivate, .../discountCodeDelete. Unknown ids answer "Code discount does not
// exist." (INVALID) on the `id` field, as the live API does.

const NOT_FOUND: UserError = err(["id"], "Code discount does not exist.", "INVALID");

function findDiscount(
  ctx: ResolverContext,
  id: string,
  kind?: CodeDiscount["kind"],
): CodeDiscount | undefined {
  const gid = idArg(id, "DiscountCodeNode");
  const discount = gid ? ctx.shop.discounts.get(gid) : undefined;
  return discount && (!kind || discount.kind === kind) ? discount : undefined;
}

function writeMetafields(ctx: ResolverContext, discount: CodeDiscount, input: DiscountInput): void {
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

function defaults(ctx: ResolverContext, kind: CodeDiscount["kind"]): NewCodeDiscount {
  return {
    kind,
    title: "",
    startsAt: new Date(ctx.state.now()).toISOString(),
    endsAt: null,
    usageLimit: null,
    appliesOncePerCustomer: false,
    combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: false },
    discountClasses: ["ORDER"],
    tags: [],
    functionId: null,
    appApiKey: null,
    appliesOnOneTimePurchase: true,
    appliesOnSubscription: false,
    recurringCycleLimit: kind === "app" ? 1 : null,
    basic: null,
    customerIds: null,
  };
}

function createAppDiscount(ctx: ResolverContext, input: DiscountInput) {
  const arg = "codeAppDiscount";
  const fn = resolveFunction(ctx, input, arg);
  const { changes, errors } = readDiscountInput(ctx, input, arg, "create");
  if ("error" in fn) errors.unshift(fn.error);
  if (input.discountClasses === undefined || input.discountClasses === null) {
    errors.push(err([arg, "discountClasses"], "Discount classes can't be blank", "BLANK"));
  }
  if (errors.length > 0 || "error" in fn)
    return plain({ codeAppDiscount: null, userErrors: userErrors(errors) });
  const discount = createCodeDiscount(ctx.state, ctx.shop, {
    ...defaults(ctx, "app"),
    ...changes,
    functionId: fn.fn.id,
    appApiKey: ctx.app.apiKey,
  });
  addRedeemCode(ctx.state, ctx.shop, discount.id, input.code ?? "", ctx.app.apiKey);
  writeMetafields(ctx, discount, input);
  return plain({ codeAppDiscount: discount, userErrors: [] });
}

function updateAppDiscount(ctx: ResolverContext, id: string, input: DiscountInput) {
  const arg = "codeAppDiscount";
  const discount = findDiscount(ctx, id, "app");
  if (!discount || discount.appApiKey !== ctx.app.apiKey) {
    return plain({ codeAppDiscount: null, userErrors: userErrors([NOT_FOUND]) });
  }
  const codes = codesOfDiscount(ctx.shop, discount.id);
  const { changes, errors } = readDiscountInput(ctx, input, arg, "update", {
    startsAt: discount.startsAt,
    endsAt: discount.endsAt,
    customerIds: discount.customerIds,
    codeCount: codes.length,
  });
  if (input.functionId || input.functionHandle) {
    const fn = resolveFunction(ctx, input, arg);
    if ("error" in fn) errors.unshift(fn.error);
    else changes.functionId = fn.fn.id;
  }
  if (errors.length > 0) return plain({ codeAppDiscount: null, userErrors: userErrors(errors) });
  updateCodeDiscount(ctx.state, discount, changes);
  const only = codes[0];
  if (input.code && only && codes.length === 1) {
    ctx.shop.codeIndex.delete(only.code.toLowerCase());
    only.code = input.code;
    ctx.shop.codeIndex.set(input.code.toLowerCase(), only.id);
  }
  writeMetafields(ctx, discount, input);
  return plain({ codeAppDiscount: discount, userErrors: [] });
}

interface BasicInput extends DiscountInput {
  customerGets?: {
    value?: {
      percentage?: number | null;
      discountAmount?: { amount: string; appliesOnEachItem: boolean } | null;
      discountOnQuantity?: unknown;
    } | null;
    items?: {
      all?: boolean | null;
      products?: { productsToAdd?: string[] | null } | null;
      collections?: { add?: string[] | null } | null;
    } | null;
  } | null;
  minimumRequirement?: {
    quantity?: { greaterThanOrEqualToQuantity?: string | null } | null;
    subtotal?: { greaterThanOrEqualToSubtotal?: string | null } | null;
  } | null;
}

function createBasicDiscount(ctx: ResolverContext, input: BasicInput) {
  const arg = "basicCodeDiscount";
  const { changes, errors } = readDiscountInput(ctx, input, arg, "create");
  const value = input.customerGets?.value;
  const items = input.customerGets?.items;
  if (!value || (value.percentage == null && !value.discountAmount)) {
    errors.push(err([arg, "customerGets", "value"], "Value can't be blank", "BLANK"));
  } else if (value.discountOnQuantity) {
    errors.push(
      err(
        [arg, "customerGets", "value", "discountOnQuantity"],
        "discountOnQuantity field is only permitted with bxgy discounts.",
        "INVALID",
      ),
    );
  } else if (value.percentage != null && (value.percentage < 0 || value.percentage > 1)) {
    errors.push(
      err(
        [arg, "customerGets", "value", "percentage"],
        "Value must be between 0.0 and 1.0",
        "VALUE_OUTSIDE_RANGE",
      ),
    );
  }
  if (!items) errors.push(err([arg, "customerGets", "items"], "Items can't be blank", "BLANK"));
  const min = input.minimumRequirement;
  if (min?.quantity && min.subtotal) {
    errors.push(
      err([arg, "minimumRequirement"], "Only one minimum requirement can be specified.", "INVALID"),
    );
  }
  if (errors.length > 0 || !value || !items) {
    return plain({ codeDiscountNode: null, userErrors: userErrors(errors) });
  }
  const specific = !items.all;
  const discount = createCodeDiscount(ctx.state, ctx.shop, {
    ...defaults(ctx, "basic"),
    ...changes,
    // Shopify infers the class: all items → ORDER, specific products or collections → PRODUCT.
    discountClasses: [specific ? "PRODUCT" : "ORDER"],
    basic: {
      percentage: value.percentage ?? null,
      amountCents: value.discountAmount
        ? Math.round(Number(value.discountAmount.amount) * 100)
        : null,
      appliesOnEachItem: value.discountAmount?.appliesOnEachItem ?? false,
      items: {
        all: !specific,
        productIds: items.products?.productsToAdd ?? [],
        collectionIds: items.collections?.add ?? [],
      },
      minimumSubtotalCents: min?.subtotal?.greaterThanOrEqualToSubtotal
        ? Math.round(Number(min.subtotal.greaterThanOrEqualToSubtotal) * 100)
        : null,
      minimumQuantity: min?.quantity?.greaterThanOrEqualToQuantity
        ? Number(min.quantity.greaterThanOrEqualToQuantity)
        : null,
    },
  });
  addRedeemCode(ctx.state, ctx.shop, discount.id, input.code ?? "", null);
  writeMetafields(ctx, discount, input);
  return plain({ codeDiscountNode: discount, userErrors: [] });
}

export const discountMutationResolvers: ResolverMap = {
  Mutation: {
    discountCodeAppCreate: (_s, args: { codeAppDiscount: DiscountInput }, ctx: ResolverContext) =>
      createAppDiscount(ctx, args.codeAppDiscount),
    discountCodeAppUpdate: (
      _s,
      args: { id: string; codeAppDiscount: DiscountInput },
      ctx: ResolverContext,
    ) => updateAppDiscount(ctx, args.id, args.codeAppDiscount),
    discountCodeBasicCreate: (_s, args: { basicCodeDiscount: BasicInput }, ctx: ResolverContext) =>
      createBasicDiscount(ctx, args.basicCodeDiscount),
    discountCodeActivate: (_s, args: { id: string }, ctx: ResolverContext) => {
      const discount = findDiscount(ctx, args.id);
      if (!discount) return plain({ codeDiscountNode: null, userErrors: userErrors([NOT_FOUND]) });
      activateDiscount(ctx.state, discount);
      return plain({ codeDiscountNode: discount, userErrors: [] });
    },
    discountCodeDeactivate: (_s, args: { id: string }, ctx: ResolverContext) => {
      const discount = findDiscount(ctx, args.id);
      if (!discount) return plain({ codeDiscountNode: null, userErrors: userErrors([NOT_FOUND]) });
      deactivateDiscount(ctx.state, discount);
      return plain({ codeDiscountNode: discount, userErrors: [] });
    },
    discountCodeDelete: (_s, args: { id: string }, ctx: ResolverContext) => {
      const discount = findDiscount(ctx, args.id);
      if (!discount)
        return plain({ deletedCodeDiscountId: null, userErrors: userErrors([NOT_FOUND]) });
      deleteCodeDiscount(ctx.shop, discount.id);
      return plain({ deletedCodeDiscountId: discount.id, userErrors: [] });
    },
  },
};
