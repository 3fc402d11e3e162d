// A refusal becomes what the shopper reads: Shopify's enteredDiscountCodesReject operation
// (Discount Function API 2026-01 and later) names the entered code and carries a message the
// checkout shows under it. Only the shop's code-rejection automatic discount sends it
// (rejections.ts), for the code being checked, and only when Shopify marks it `rejectable` (a
// code whose discount already applied cannot be). Without a reason worth telling, no operation:
// Shopify says its own words.
import type { CampaignRules } from "@onecode/checkout-rules/rules";
import {
  bundleFallback,
  formatAmount,
  languageOf,
  shopperMessage,
} from "@onecode/checkout-rules/messages";
import type { CartLinesInput, DeliveryInput } from "../generated/api";
import type { Refusal } from "./cart";
import { minorDigits } from "@onecode/checkout-rules/currency";
import { fromMinor } from "./money";

export interface RejectOperation {
  enteredDiscountCodesReject: { codes: { code: string }[]; message: string };
}

/**
 * Reports an error the run survived: Shopify shows what a function writes to stderr in its run
 * log, where the merchant (or their developer) looks when a code "was not applied".
 */
export function logFailure(error: unknown): void {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : `Thrown: ${String(error)}`;
  console.error(`OneCode discount function failed, so no discount was given. ${text}`);
}

export function rejectOperation(
  input: CartLinesInput | DeliveryInput,
  refusal: Refusal | null,
  rules: CampaignRules | null,
  currency: string,
): RejectOperation | null {
  if (!refusal || !rules) return null;
  const code = input.triggeringDiscountCode;
  if (typeof code !== "string") return null;
  // Codes are case-insensitive in Shopify: the entry is matched so, and named as entered.
  const entered = Array.isArray(input.enteredDiscountCodes) ? input.enteredDiscountCodes : [];
  const own = entered.find(
    (entry) => typeof entry?.code === "string" && entry.code.toLowerCase() === code.toLowerCase(),
  );
  if (!own || own.rejectable !== true) return null;
  const language = languageOf(input.localization?.language?.isoCode);
  const message = shopperMessage(
    refusal.reason,
    rules.messages,
    language,
    fill(refusal, rules, currency, language),
  );
  return { enteredDiscountCodesReject: { codes: [{ code: own.code }], message } };
}

function fill(refusal: Refusal, rules: CampaignRules, currency: string, language: string): string {
  if (refusal.reason === "noEligibleProduct") return rules.eligibleNames.join(", ");
  if (refusal.reason === "minimumSpend") {
    const amount = fromMinor(refusal.missing ?? 0, minorDigits(currency));
    return formatAmount(amount, currency, language);
  }
  if (refusal.reason === "bundleIncomplete") {
    const products = refusal.products ?? [];
    if (products.length === 0 || products.some((p) => p.name === null)) {
      return bundleFallback(language);
    }
    return products.map((p) => (p.quantity > 1 ? `${p.quantity} × ${p.name}` : p.name)).join(", ");
  }
  return "";
}
