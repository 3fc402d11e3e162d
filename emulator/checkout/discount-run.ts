// One entered code's discount: run its function for each target its classes call for, on an
// input built from the function's own input query, check the output against the schema, keep
// only operations within the discount's classes, and price them on the cart.
import type { EmulatorState } from "../store/context.js";
import type { CodeDiscount } from "../store/types.js";
import { applyOperations, type Application, type Remaining } from "./apply.js";
import type { Cart } from "./cart.js";
import { buildFunctionInput, functionSchema } from "./function-input.js";
import { outputErrors } from "./function-output.js";
import type { FunctionRegistry } from "./functions.js";

export interface FunctionLog {
  target: string;
  input: unknown;
  output: unknown;
  error: string | null;
}

export type DiscountRun =
  | { ok: true; applications: Application[]; logs: FunctionLog[] }
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
  code: string,
): Promise<DiscountRun> {
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
  for (const target of wanted) {
    const built = buildFunctionInput({
      cart,
      discount,
      app,
      code,
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
    for (const op of (run.output as { operations: Record<string, unknown>[] }).operations) {
      const kind = Object.keys(op)[0] ?? "";
      if (CLASS_OF[kind] && classes.has(CLASS_OF[kind])) operations.push(op);
    }
  }
  return { ok: true, applications: applyOperations(cart, remaining, operations), logs };
}
