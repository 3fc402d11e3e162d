import { validateRedeemCode, isCodeTaken } from "../../store/codes";
import type { NewCodeDiscount } from "../../store/discounts";
import { gidType, legacyId } from "../../store/ids";
import { validateMetafieldWrite } from "../../store/metafields";
import type {
  CombinesWith,
  DiscountClass,
  Gid,
  ShopifyFunctionRecord,
  UserError,
} from "../../store/types";
import type { ResolverContext } from "../context";
import { ShopifyGraphQLError } from "../errors";

// Validation shared by discountCodeAppCreate/Update and discountCodeBasicCreate, with the
// messages and codes Shopify's Admin API 2026-04 answers with
// (https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountCodeAppCreate; function
// identifier errors as captured in https://github.com/airhorns/shopify-draft-proxy/blob/main/fixtures/conformance/harry-test-heelo.myshopify.com/2026-04/discounts/discount-app-function-validation.json).

export interface DiscountInput {
  title?: string | null;
  code?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  usageLimit?: number | null;
  appliesOncePerCustomer?: boolean | null;
  combinesWith?: Partial<CombinesWith> | null;
  discountClasses?: DiscountClass[] | null;
  tags?: string[] | null;
  context?: {
    all?: string | null;
    customers?: { add?: Gid[] | null; remove?: Gid[] | null } | null;
    customerSegments?: unknown;
  } | null;
  customerSelection?: {
    all?: boolean | null;
    customers?: { add?: Gid[] | null; remove?: Gid[] | null } | null;
    customerSegments?: unknown;
  } | null;
  functionId?: string | null;
  functionHandle?: string | null;
  appliesOnSubscription?: boolean | null;
  appliesOnOneTimePurchase?: boolean | null;
  recurringCycleLimit?: number | null;
  metafields?:
    | {
        id?: string | null;
        namespace?: string | null;
        key?: string | null;
        value?: string | null;
        type?: string | null;
      }[]
    | null;
}

// Function API types a code discount may be backed by (Shopify's "Unexpected Function API" answer).
const DISCOUNT_FUNCTION_APIS = [
  "product_discounts",
  "order_discounts",
  "shipping_discounts",
  "discount",
];
const INT32_MAX = 2_147_483_647;
const DISCOUNT_ERROR_CODES = new Set([
  "BLANK",
  "INVALID",
  "TOO_LONG",
  "TOO_SHORT",
  "LESS_THAN_OR_EQUAL_TO",
]);

export function err(field: string[] | null, message: string, code: string | null): UserError {
  return { field, message, code };
}

/** functionId XOR functionHandle, resolved among the calling app's functions. */
export function resolveFunction(
  ctx: ResolverContext,
  input: DiscountInput,
  arg: string,
): { fn: ShopifyFunctionRecord } | { error: UserError } {
  const { functionId, functionHandle } = input;
  if (functionId && functionHandle) {
    return {
      error: err(
        [arg],
        "Only one of functionId or functionHandle is allowed.",
        "MULTIPLE_FUNCTION_IDENTIFIERS",
      ),
    };
  }
  if (!functionId && !functionHandle) {
    return {
      error: err(
        [arg, "functionHandle"],
        "Function id can't be blank.",
        "MISSING_FUNCTION_IDENTIFIER",
      ),
    };
  }
  const fn = ctx.app.functions.find((f) =>
    functionId ? f.id === functionId : f.handle === functionHandle,
  );
  const field = functionId ? "functionId" : "functionHandle";
  if (!fn) {
    return {
      error: err(
        [arg, field],
        `Function ${functionId ?? functionHandle} not found. Ensure that it is released in the current app (${legacyId(ctx.app.id)}), and that the app is installed.`,
        "INVALID",
      ),
    };
  }
  if (!DISCOUNT_FUNCTION_APIS.includes(fn.apiType)) {
    return {
      error: err(
        [arg, field],
        `Unexpected Function API. The provided function must implement one of the following extension targets: [${DISCOUNT_FUNCTION_APIS.join(", ")}].`,
        null,
      ),
    };
  }
  return { fn };
}

/** Customer selection from `context` (or the deprecated `customerSelection`): null = everyone. */
function customerIds(
  ctx: ResolverContext,
  input: DiscountInput,
  arg: string,
  current: Gid[] | null,
  errors: UserError[],
): Gid[] | null | undefined {
  if (input.context && input.customerSelection) {
    errors.push(
      err([arg, "context"], "Specify either context or customerSelection, not both.", "INVALID"),
    );
    return undefined;
  }
  const selection = input.context ?? input.customerSelection;
  if (!selection) return undefined;
  if (selection.customerSegments) {
    throw new ShopifyGraphQLError(
      "The OneCode emulator does not implement customer segments.",
      "NOT_IMPLEMENTED",
    );
  }
  if (selection.all === "ALL" || selection.all === true) return null;
  if (selection.customers) {
    const ids = new Set(current ?? []);
    for (const id of selection.customers.add ?? []) {
      if (gidType(id) !== "Customer" || !ctx.shop.customers.has(id)) {
        errors.push(
          err([arg, "context", "customers", "add"], `Customer ${id} does not exist.`, "INVALID"),
        );
      } else ids.add(id);
    }
    for (const id of selection.customers.remove ?? []) ids.delete(id);
    return [...ids];
  }
  return undefined;
}

function validDate(value: string): boolean {
  return !Number.isNaN(Date.parse(value));
}

/**
 * Checks an app or basic discount input and returns the store changes it asks for. On create,
 * title, code and startsAt are required.
 */
export function readDiscountInput(
  ctx: ResolverContext,
  input: DiscountInput,
  arg: string,
  mode: "create" | "update",
  current?: {
    startsAt: string;
    endsAt: string | null;
    customerIds: Gid[] | null;
    codeCount: number;
  },
): { changes: Partial<NewCodeDiscount>; errors: UserError[] } {
  const errors: UserError[] = [];
  const changes: Partial<NewCodeDiscount> = {};
  const creating = mode === "create";

  if (input.title !== undefined || creating) {
    const title = input.title ?? "";
    if (!title.trim()) errors.push(err([arg, "title"], "Title can't be blank", "BLANK"));
    else if (title.length > 255)
      errors.push(err([arg, "title"], "Title is too long (maximum is 255 characters)", "TOO_LONG"));
    else changes.title = title;
  }

  if (input.code !== undefined || creating) {
    const code = input.code ?? "";
    const invalid = validateRedeemCode(code, [arg, "code"]);
    if (invalid) {
      errors.push(invalid);
    } else if (mode === "update" && current && current.codeCount > 1) {
      errors.push(
        err(
          [arg, "code"],
          "Code can't be changed on a discount with more than one code.",
          "INVALID",
        ),
      );
    } else if (isCodeTaken(ctx.shop, code)) {
      errors.push(err([arg, "code"], "Code must be unique. Please try a different code.", "TAKEN"));
    } else if (creating && ctx.shop.redeemCodes.size >= ctx.state.options.maxCodesPerShop) {
      errors.push(
        err(
          [arg, "code"],
          `The shop has reached its limit of ${ctx.state.options.maxCodesPerShop} discount codes.`,
          "EXCEEDED_MAX",
        ),
      );
    }
  }

  if (input.startsAt !== undefined || creating) {
    if (!input.startsAt) errors.push(err([arg, "startsAt"], "Starts at can't be blank", "BLANK"));
    else if (!validDate(input.startsAt))
      errors.push(err([arg, "startsAt"], "Starts at is invalid", "INVALID"));
    else changes.startsAt = new Date(input.startsAt).toISOString();
  }
  if (input.endsAt !== undefined) {
    if (input.endsAt === null) changes.endsAt = null;
    else if (!validDate(input.endsAt))
      errors.push(err([arg, "endsAt"], "Ends at is invalid", "INVALID"));
    else changes.endsAt = new Date(input.endsAt).toISOString();
  }
  const startsAt = changes.startsAt ?? current?.startsAt;
  const endsAt = changes.endsAt !== undefined ? changes.endsAt : current?.endsAt;
  if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) {
    errors.push(
      err([arg, "endsAt"], "Ends at needs to be after starts_at", "END_DATE_BEFORE_START_DATE"),
    );
  }

  if (input.usageLimit !== undefined) {
    if (input.usageLimit !== null && input.usageLimit <= 0) {
      errors.push(err([arg, "usageLimit"], "Usage limit must be greater than 0", "GREATER_THAN"));
    } else if (input.usageLimit !== null && input.usageLimit > INT32_MAX) {
      errors.push(
        err(
          [arg, "usageLimit"],
          `Usage limit must be less than or equal to ${INT32_MAX}`,
          "LESS_THAN_OR_EQUAL_TO",
        ),
      );
    } else changes.usageLimit = input.usageLimit;
  }
  if (input.appliesOncePerCustomer !== undefined && input.appliesOncePerCustomer !== null) {
    changes.appliesOncePerCustomer = input.appliesOncePerCustomer;
  }
  if (input.combinesWith) {
    changes.combinesWith = {
      productDiscounts: input.combinesWith.productDiscounts ?? false,
      orderDiscounts: input.combinesWith.orderDiscounts ?? false,
      shippingDiscounts: input.combinesWith.shippingDiscounts ?? false,
    };
  }
  if (input.discountClasses !== undefined && input.discountClasses !== null) {
    if (input.discountClasses.length === 0) {
      errors.push(err([arg, "discountClasses"], "Discount classes can't be blank", "BLANK"));
    } else changes.discountClasses = [...new Set(input.discountClasses)];
  }
  if (input.tags !== undefined && input.tags !== null) changes.tags = input.tags;
  if (input.appliesOnSubscription !== undefined && input.appliesOnSubscription !== null) {
    changes.appliesOnSubscription = input.appliesOnSubscription;
  }
  if (input.appliesOnOneTimePurchase !== undefined && input.appliesOnOneTimePurchase !== null) {
    changes.appliesOnOneTimePurchase = input.appliesOnOneTimePurchase;
  }
  if (input.recurringCycleLimit !== undefined) {
    if (
      input.recurringCycleLimit !== null &&
      (input.recurringCycleLimit < 0 || input.recurringCycleLimit > INT32_MAX)
    ) {
      errors.push(
        err(
          [arg, "recurringCycleLimit"],
          "Recurring cycle limit is invalid",
          "RECURRING_CYCLE_LIMIT_NOT_A_VALID_INTEGER",
        ),
      );
    } else changes.recurringCycleLimit = input.recurringCycleLimit;
  }
  const customers = customerIds(ctx, input, arg, current?.customerIds ?? null, errors);
  if (customers !== undefined) changes.customerIds = customers;

  (input.metafields ?? []).forEach((m, i) => {
    if (m.id) {
      throw new ShopifyGraphQLError(
        "The OneCode emulator does not implement metafield updates by id; use namespace and key.",
        "NOT_IMPLEMENTED",
      );
    }
    const problems = validateMetafieldWrite(
      ctx.shop,
      { ownerId: "", namespace: m.namespace, key: m.key ?? "", value: m.value ?? "", type: m.type },
      [arg, "metafields", String(i)],
      { checkOwner: false },
    );
    // A discount mutation reports them as DiscountUserErrors, whose codes are a smaller enum.
    errors.push(
      ...problems.map((e) => ({
        ...e,
        code: e.code && DISCOUNT_ERROR_CODES.has(e.code) ? e.code : "INVALID",
      })),
    );
  });
  return { changes, errors };
}
