// Fresh codes for codes Shopify refused because another discount of the shop has them, so the
// campaign keeps its count; a refused bound code is replaced for the same customer.
import { parseFormat, type FormatInput } from "../codes/format";
import { createCodeGenerator } from "../codes/generator";
import { insertCodes } from "../codes/mint.server";
import { FormatExhausted, insertBoundCodes } from "../campaigns/bound-codes.server";
import type { Tx } from "../db.server";
import { fail, ok, type Result } from "../result";

const MAX_DRAWS = 5;
const EXHAUSTED =
  "No replacement could be made: the campaign's code format has run out of unused codes.";

export type ReplacementCode = "format_invalid" | "format_exhausted";

/**
 * Mints a new pending code into the campaign for each refused code, inside the caller's
 * transaction, relying on the case-insensitive unique index as minting does: an unbound code for
 * each `null`, a code bound to the same customer for each customer id. Returns the new codes,
 * or an error in words when the campaign's format cannot make more.
 */
export async function mintReplacements(
  tx: Tx,
  campaign: { id: string; shop: string; codeFormat: unknown; bindingKey: string | null },
  refusedCustomers: readonly (string | null)[],
): Promise<Result<{ codes: string[] }, ReplacementCode>> {
  if (refusedCustomers.length === 0) return ok({ codes: [] });
  const format = parseFormat((campaign.codeFormat ?? {}) as FormatInput);
  if (!format.ok) {
    return fail(
      "format_invalid",
      `No replacement could be made: the campaign's code format is invalid (${format.errors.map((e) => e.message).join(" ")})`,
    );
  }
  const customers = refusedCustomers.filter((id): id is string => id !== null);
  const minted: string[] = [];
  if (customers.length > 0) {
    // Only a bound campaign has codes bound to customers.
    if (!campaign.bindingKey) throw new Error("A bound code in a campaign with no binding key.");
    try {
      const issued = await insertBoundCodes(tx, {
        shop: campaign.shop,
        campaignId: campaign.id,
        key: campaign.bindingKey,
        format: format.format,
        customerIds: [...new Set(customers)],
      });
      minted.push(...issued.values());
    } catch (error) {
      if (error instanceof FormatExhausted) return fail("format_exhausted", EXHAUSTED);
      throw error;
    }
  }
  const unbound = refusedCustomers.length - customers.length;
  const generator = createCodeGenerator(format.format);
  let fromFormat = 0;
  for (let draw = 0; draw < MAX_DRAWS && fromFormat < unbound; draw++) {
    const candidates = generator.take(unbound - fromFormat);
    const before = await tx.code.findMany({
      where: { shop: campaign.shop, code: { in: candidates } },
      select: { code: true },
    });
    const taken = new Set(before.map((row) => row.code.toLowerCase()));
    const fresh = [...new Set(candidates)].filter((code) => !taken.has(code.toLowerCase()));
    const inserted = await insertCodes(tx, campaign.shop, campaign.id, fresh, "generated");
    if (inserted !== fresh.length) {
      throw new Error(
        "A replacement code collided inside its own transaction; retrying the chunk.",
      );
    }
    minted.push(...fresh);
    fromFormat += fresh.length;
  }
  if (fromFormat < unbound) return fail("format_exhausted", EXHAUSTED);
  return ok({ codes: minted });
}
