// Which discount holds each code right now. After a resubmission (a crash or a lost answer after
// discountRedeemCodeBulkAdd was sent) Shopify reports the codes of the first submission as taken:
// the ones held by this campaign's own discount are live, not conflicts, and must not be replaced.
import { codeOwnersDocument, codeOwnersVariables } from "./documents";
import type { PacedAdmin } from "./paced-admin.server";

// Aliases per query: one point each; kept well under a full bucket so one lookup never holds up
// the other requests queued behind it for long.
const LOOKUP_BATCH = 100;

/** Lower-cased code → the DiscountCodeNode id holding it, or null when no discount does. */
export async function discountOwningCodes(
  admin: PacedAdmin,
  codes: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, string | null>> {
  const owners = new Map<string, string | null>();
  const size = Math.max(1, Math.min(LOOKUP_BATCH, admin.maxAffordableCost()));
  for (let start = 0; start < codes.length; start += size) {
    const batch = codes.slice(start, start + size);
    const document = codeOwnersDocument(batch.length);
    const data = await admin.request<Record<string, { id: string } | null>>(
      document,
      codeOwnersVariables(batch),
      { estimatedCost: batch.length, signal, priority: "high" },
    );
    batch.forEach((code, i) => owners.set(code.toLowerCase(), data[`c${i}`]?.id ?? null));
  }
  return owners;
}
