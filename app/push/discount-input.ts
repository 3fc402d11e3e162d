// The DiscountCodeAppInput for a campaign's Shopify discount (decision 029): one app-owned
// code discount backed by the OneCode function, holding every code of the campaign.
import { fail, ok, type Result } from "../result";
import {
  discountClassesFor,
  RULES_METAFIELD,
  serializeRules,
  type CampaignRules,
} from "@onecode/checkout-rules/rules";

/** The function's handle from extensions/onecode-discount/shopify.extension.toml. */
export const FUNCTION_HANDLE = "onecode-discount";

export interface CampaignForDiscount {
  id: string;
  name: string;
  startsAt: Date;
  endsAt: Date | null;
  rules: unknown;
  /** The campaign's bound-code key (its only home), or null when its codes work for anyone. */
  bindingKey: string | null;
}

export type DiscountInputCode = "rules_invalid";
export type DiscountInputResult = Result<
  { input: Record<string, unknown>; rules: CampaignRules },
  DiscountInputCode
>;

/**
 * `firstCode` is given on create: Shopify requires a code to create a code discount, and the
 * campaign's first code serves (the rest follow by discountRedeemCodeBulkAdd).
 */
export function discountInput(
  campaign: CampaignForDiscount,
  mode: { create: true; firstCode: string } | { create: false },
): DiscountInputResult {
  // The metafield carries the campaign's own id and key whatever the stored document says: the
  // function records the id in the customer's redeemed list and checks bound codes with the key,
  // and the push recognises its discount by the id.
  const stamped =
    campaign.rules && typeof campaign.rules === "object"
      ? {
          ...(campaign.rules as Record<string, unknown>),
          campaignId: campaign.id,
          boundKey: campaign.bindingKey,
        }
      : campaign.rules;
  const serialized = serializeRules(stamped);
  if (!serialized.ok) {
    const problems = serialized.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
    return fail(
      "rules_invalid",
      `The campaign's rules cannot be sent to Shopify: ${problems.join(" ")}`,
    );
  }
  const rules = serialized.rules;
  const input: Record<string, unknown> = {
    title: campaign.name,
    startsAt: campaign.startsAt.toISOString(),
    endsAt: campaign.endsAt ? campaign.endsAt.toISOString() : null,
    // Per redeem code, not per discount: this is what makes every code single-use (decision 029).
    usageLimit: 1,
    // Shopify applies this per redeem code too; the per-campaign rule is the function's
    // (decision 029). Set so Shopify asks for the buyer's identity on such campaigns.
    appliesOncePerCustomer: rules.oncePerCustomer,
    // The rules document (@onecode/checkout-rules/rules) has no combination setting yet, so the
    // discount keeps Shopify's default: it combines with no other discount.
    combinesWith: { productDiscounts: false, orderDiscounts: false, shippingDiscounts: false },
    discountClasses: discountClassesFor(rules),
    metafields: [
      {
        namespace: RULES_METAFIELD.namespace,
        key: RULES_METAFIELD.key,
        type: RULES_METAFIELD.type,
        value: serialized.json,
      },
    ],
  };
  if (mode.create) {
    input.code = mode.firstCode;
    input.functionHandle = FUNCTION_HANDLE;
  }
  return ok({ input, rules });
}
