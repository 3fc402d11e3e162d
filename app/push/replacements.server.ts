// Fresh codes for codes Shopify refused because another discount of the shop already has them,
// so a campaign still ends up with the number of codes the merchant asked for (issue 4, item 5).
import { parseFormat, type FormatInput } from "../codes/format";
import { createCodeGenerator } from "../codes/generator";
import { insertCodes } from "../codes/mint.server";
import type { Tx } from "./chunk-store.server";

const MAX_DRAWS = 5;

/**
 * Mints `count` new pending codes into the campaign inside the caller's transaction, relying on
 * the case-insensitive unique index as minting does. Returns them, or an error in words when the
 * campaign's format cannot make more.
 */
export async function mintReplacements(
  tx: Tx,
  campaign: { id: string; shop: string; codeFormat: unknown },
  count: number,
): Promise<{ ok: true; codes: string[] } | { ok: false; message: string }> {
  if (count === 0) return { ok: true, codes: [] };
  const format = parseFormat((campaign.codeFormat ?? {}) as FormatInput);
  if (!format.ok) {
    return {
      ok: false,
      message: `No replacement could be made: the campaign's code format is invalid (${format.errors.map((e) => e.message).join(" ")})`,
    };
  }
  const generator = createCodeGenerator(format.format);
  const minted: string[] = [];
  for (let draw = 0; draw < MAX_DRAWS && minted.length < count; draw++) {
    const candidates = generator.take(count - minted.length);
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
  }
  if (minted.length < count) {
    return {
      ok: false,
      message:
        "No replacement could be made: the campaign's code format has run out of unused codes.",
    };
  }
  return { ok: true, codes: minted };
}
