// One discount's function run: for each target its classes call for, on an input built from the
// function's own input query, check the output against the schema, keep only operations within
// the discount's classes, and price them on the cart.
//
// Rejections (enteredDiscountCodesReject, Discount Function API 2026-01 and later: "rejects
// entered discount codes with a custom message",
// shopify.dev/changelog/discount-rejection-support-for-discount-functions; tutorial at
// shopify.dev/docs/apps/build/discounts/discount-rejections) come only from a run of a function
// backed by an automatic discount: the schema says of EnteredDiscountCodesRejectOperation "This
// operation can only be used if the function is backed by an automatic discount". A code
// discount's run that answers it is output the API does not allow there, so, as for any output
// Shopify cannot accept, the run counts as failed and gives nothing (its log says why). As the
// schema says of EnteredDiscountCode.rejectable, a code whose discount already applied to the
// cart cannot be rejected: such a rejection, or one naming a code not entered, is ignored.
import type { EmulatorState } from "../store/context";
import type { CodeDiscount } from "../store/types";
import { applyOperations, type Application, type Remaining } from "./apply";
import type { Cart } from "./cart";
import { buildFunctionInput, functionSchema } from "./function-input";
import { outputErrors } from "./function-output";
import type { FunctionRegistry } from "./functions";

export interface FunctionLog {
  target: string;
  input: unknown;
  output: unknown;
  error: string | null;
  /** What the run wrote to its console (Shopify's run log). */
  logs: string;
}

/** Entered code (lower case) → the message it was rejected with. */
export type Rejections = Map<string, string>;

export type DiscountRun =
  | { ok: true; applications: Application[]; rejections: Rejections; logs: FunctionLog[] }
  | { ok: false; error: string; logs: FunctionLog[] };

// Operation → the discount class it needs (Discount Function API: a function acts only within
// the classes of the discount that runs it).
const CLASS_OF: Record<string, string> = {
  orderDiscountsAdd: "ORDER",
  productDiscountsAdd: "PRODUCT",
  deliveryDiscountsAdd: "SHIPPING",
};

export async function runDiscount(
  state: EmulatorState,
  registry: FunctionRegistry,
  cart: Cart,
  remaining: Remaining,
  discount: CodeDiscount,
  /** The code that triggered the run; null for an automatic discount. */
  code: string | null,
  applied: ReadonlySet<string>,
): Promise<DiscountRun> {
  const automatic = code === null;
  const logs: FunctionLog[] = [];
  const loaded = await registry.forDiscount(state, discount);
  if (typeof loaded === "string") return { ok: false, error: loaded, logs };
  const app = state.apps.get(discount.appApiKey ?? "")!;
  const classes = new Set<string>(discount.discountClasses);
  const wanted = loaded.extension.targets.filter((t) =>
    t.target.startsWith("cart.delivery-options.")
      ? classes.has("SHIPPING")
      : classes.has("ORDER") || classes.has("PRODUCT"),
  );
  const operations: Record<string, unknown>[] = [];
  const rejections: Rejections = new Map();
  const entered = new Set(cart.codes.map((c) => c.toLowerCase()));
  for (const target of wanted) {
    const built = buildFunctionInput({
      cart,
      discount,
      app,
      code,
      applied,
      target,
      extension: loaded.extension,
    });
    if (!built.ok) return { ok: false, error: built.error, logs };
    const run = loaded.runner.run(target.jsExport, built.input);
    const log: FunctionLog = {
      target: target.target,
      input: built.input,
      output: null,
      error: null,
      logs: run.logs,
    };
    logs.push(log);
    if (!run.ok) {
      log.error = run.error;
      continue;
    }
    log.output = run.output;
    const errors = outputErrors(functionSchema(loaded.extension), target.target, run.output);
    if (errors.length > 0) {
      log.error = `Invalid function output: ${errors.join("; ")}`;
      continue;
    }
    const output = (run.output as { operations: Record<string, unknown>[] }).operations;
    if (!automatic && output.some((op) => "enteredDiscountCodesReject" in op)) {
      log.error =
        "Invalid function output: enteredDiscountCodesReject can only be used if the function is backed by an automatic discount.";
      continue;
    }
    for (const op of output) {
      const kind = Object.keys(op)[0] ?? "";
      if (CLASS_OF[kind] && classes.has(CLASS_OF[kind])) operations.push(op);
      if (kind === "enteredDiscountCodesReject") {
        const reject = op[kind] as { codes: { code: string }[]; message: string };
        for (const { code: named } of reject.codes) {
          const key = named.toLowerCase();
          if (entered.has(key) && !applied.has(key)) rejections.set(key, reject.message);
        }
      }
    }
  }
  return {
    ok: true,
    applications: applyOperations(cart, remaining, operations),
    rejections,
    logs,
  };
}
