// Target cart.delivery-options.discounts.generate.run: the free-shipping reward.
import {
  DeliveryDiscountSelectionStrategy,
  type CartDeliveryOptionsDiscountsGenerateRunResult,
  type DeliveryInput,
} from "../generated/api";
import { prepareCart } from "./cart";
import { logFailure } from "./refusal";

const NOTHING: CartDeliveryOptionsDiscountsGenerateRunResult = { operations: [] };

export function cartDeliveryOptionsDiscountsGenerateRun(
  input: DeliveryInput,
): CartDeliveryOptionsDiscountsGenerateRunResult {
  // As for the lines target: never let an exception become a failed checkout run, and say
  // what happened in the run log.
  try {
    return run(input);
  } catch (error) {
    logFailure(error);
    return NOTHING;
  }
}

export function run(input: DeliveryInput): CartDeliveryOptionsDiscountsGenerateRunResult {
  const prepared = prepareCart(input);
  // Only the free-shipping reward acts here; any other campaign's reasons are told by the
  // lines target, which Shopify runs for its ORDER or PRODUCT class.
  if (
    prepared.ok
      ? prepared.cart.rules.reward.kind !== "freeShipping"
      : prepared.rules?.reward.kind !== "freeShipping"
  ) {
    return NOTHING;
  }
  // Only an automatic discount's run may reject a code (rejections.ts); this one gives nothing.
  if (!prepared.ok) return NOTHING;
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
