// Target cart.lines.discounts.generate.run: the campaign's order or product reward.
import {
  DiscountClass,
  OrderDiscountSelectionStrategy,
  ProductDiscountSelectionStrategy,
  type CartLinesDiscountsGenerateRunResult,
  type CartLinesInput,
  type CartOperation,
} from "../generated/api";
import { prepareCart } from "./cart";
import { fromMinor } from "./money";
import { planLines, type LinePlan } from "./reward";

const NOTHING: CartLinesDiscountsGenerateRunResult = { operations: [] };

export function cartLinesDiscountsGenerateRun(
  input: CartLinesInput,
): CartLinesDiscountsGenerateRunResult {
  // Last line of defence: a thrown error is a failed run in Shopify's logs and a confused
  // shopper; the plan code itself never throws on odd input (see the property tests).
  try {
    return run(input);
  } catch {
    return NOTHING;
  }
}

export function run(input: CartLinesInput): CartLinesDiscountsGenerateRunResult {
  const cart = prepareCart(input);
  if (!cart) return NOTHING;
  const plan = planLines(cart);
  if (!plan) return NOTHING;
  // A discount only acts within its classes (set by the app from discountClassesFor()).
  const needed = plan.on === "order" ? DiscountClass.Order : DiscountClass.Product;
  if (!cart.classes.includes(needed)) return NOTHING;
  return { operations: [operation(plan, cart.digits)] };
}

function operation(plan: LinePlan, digits: number): CartOperation {
  const message = describe(plan, digits);
  if (plan.on === "order") {
    return {
      orderDiscountsAdd: {
        candidates: [
          {
            message,
            targets: [{ orderSubtotal: { excludedCartLineIds: plan.excludedLineIds } }],
            value:
              "percent" in plan.value
                ? { percentage: { value: plan.value.percent } }
                : { fixedAmount: { amount: fromMinor(plan.value.fixed, digits) } },
          },
        ],
        selectionStrategy: OrderDiscountSelectionStrategy.First,
      },
    };
  }
  return {
    productDiscountsAdd: {
      candidates: [
        {
          message,
          targets: plan.targets.map((cartLine) => ({ cartLine })),
          value:
            "percent" in plan.value
              ? { percentage: { value: plan.value.percent } }
              : // Once across all targets: the plan already sized the amount for them together.
                {
                  fixedAmount: {
                    amount: fromMinor(plan.value.fixed, digits),
                    appliesToEachItem: false,
                  },
                },
        },
      ],
      selectionStrategy: ProductDiscountSelectionStrategy.First,
    },
  };
}

// Shown on the cart page for automatic discounts only; a code discount shows its code.
function describe(plan: LinePlan, digits: number): string {
  return "percent" in plan.value
    ? `${plan.value.percent}% off`
    : `${fromMinor(plan.value.fixed, digits)} off`;
}
