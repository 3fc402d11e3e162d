// Target cart.lines.discounts.generate.run: the campaign's order or product reward; run for the
// shop's code-rejection automatic discount, the rejection of entered codes (rejections.ts).
import {
  OrderDiscountSelectionStrategy,
  ProductDiscountSelectionStrategy,
  type CartLinesDiscountsGenerateRunResult,
  type CartLinesInput,
  type CartOperation,
} from "../generated/api";
import { prepareCart } from "./cart";
import { fromMinor } from "./money";
import { readIndex } from "@onecode/checkout-rules/rejection-index";
import { logFailure } from "./refusal";
import { rejectEnteredCodes } from "./rejections";
import { planLines, type LinePlan } from "./reward";

const NOTHING: CartLinesDiscountsGenerateRunResult = { operations: [] };

export function cartLinesDiscountsGenerateRun(
  input: CartLinesInput,
): CartLinesDiscountsGenerateRunResult {
  // Last line of defence: the plan code never throws on odd input (see the property tests),
  // but if it does the shopper gets no discount rather than a failed checkout, and the error
  // goes to stderr, which Shopify shows in the function's run log for the merchant.
  try {
    return run(input);
  } catch (error) {
    logFailure(error);
    return NOTHING;
  }
}

export function run(input: CartLinesInput): CartLinesDiscountsGenerateRunResult {
  const index = readIndex(input?.discount?.metafield?.jsonValue);
  if (index) return rejectEnteredCodes(input, index);
  // A campaign's code discount may not reject its code (only an automatic discount's run may):
  // when the rules fail it gives nothing, and the rejection run tells the shopper why.
  const prepared = prepareCart(input);
  if (!prepared.ok) return NOTHING;
  const cart = prepared.cart;
  const plan = planLines(cart);
  if (!plan) return NOTHING;
  // Shopify applies an operation only within the discount's classes, which the app sets from
  // the same rules (discountClassesFor), so the input query does not spend a field on them.
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
