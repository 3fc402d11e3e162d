// Target cart.delivery-options.discounts.generate.run: the free-shipping reward.
import {
  DeliveryDiscountSelectionStrategy,
  DiscountClass,
  type CartDeliveryOptionsDiscountsGenerateRunResult,
  type DeliveryInput,
} from "../generated/api";
import { prepareCart } from "./cart";

const NOTHING: CartDeliveryOptionsDiscountsGenerateRunResult = { operations: [] };

export function cartDeliveryOptionsDiscountsGenerateRun(
  input: DeliveryInput,
): CartDeliveryOptionsDiscountsGenerateRunResult {
  // As for the lines target: never let an exception become a failed checkout run.
  try {
    return run(input);
  } catch {
    return NOTHING;
  }
}

export function run(input: DeliveryInput): CartDeliveryOptionsDiscountsGenerateRunResult {
  const cart = prepareCart(input);
  if (!cart || cart.rules.reward.kind !== "freeShipping") return NOTHING;
  if (!cart.classes.includes(DiscountClass.Shipping)) return NOTHING;
  // Free shipping needs something eligible in the cart, like any other reward.
  if (cart.eligible.length === 0) return NOTHING;
  const groups = Array.isArray(input.cart?.deliveryGroups) ? input.cart.deliveryGroups : [];
  const targets = groups
    .filter((group) => typeof group?.id === "string")
    .map((group) => ({ deliveryGroup: { id: group.id } }));
  if (targets.length === 0) return NOTHING;
  return {
    operations: [
      {
        deliveryDiscountsAdd: {
          candidates: [
            { message: "Free shipping", targets, value: { percentage: { value: 100 } } },
          ],
          selectionStrategy: DeliveryDiscountSelectionStrategy.All,
        },
      },
    ],
  };
}
