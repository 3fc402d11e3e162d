// The allocation forms' intents, from the campaign page and the partner page alike; every one is
// scoped by shop. Results are values with a sentence for the merchant, never a thrown error.
import db from "../db.server";
import { revokeAllocation } from "../anomalies/revoke.server";
import { fail, type Result } from "../result";
import { allocateCodes, topUpAllocation, type AllocateCode } from "./allocate.server";
import { allocateInputSchema, fieldErrors, topUpInputSchema } from "./allocation-input";
import { mintMoreCodes, type MintMoreCode } from "./mint-shortfall.server";

export type AllocationActionCode =
  AllocateCode | MintMoreCode | "invalid_input" | "already_revoked" | "unknown_action";

export type AllocationActionResult = Result<
  { message: string },
  AllocationActionCode,
  { errors?: Record<string, string>; shortfall?: { campaignId: string; count: number } }
>;

export async function runAllocationAction(
  shop: string,
  actor: string,
  form: FormData,
): Promise<AllocationActionResult> {
  const fields = Object.fromEntries(
    [...form].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  switch (fields.intent) {
    case "allocate": {
      const parsed = allocateInputSchema.safeParse(fields);
      if (!parsed.success) {
        return fail("invalid_input", "No codes were allocated.", {
          errors: fieldErrors(parsed.error),
        });
      }
      return plain(await allocateCodes(shop, parsed.data, actor));
    }
    case "top-up": {
      const parsed = topUpInputSchema.safeParse(fields);
      if (!parsed.success) {
        return fail("invalid_input", "No codes were added.", { errors: fieldErrors(parsed.error) });
      }
      return plain(
        await topUpAllocation(shop, parsed.data.allocationId, parsed.data.quantity, actor),
      );
    }
    case "revoke": {
      const allocationId = fields.allocationId ?? "";
      const current = await db.allocation.findFirst({
        where: { id: allocationId, shop },
        select: { revokedAt: true },
      });
      if (current?.revokedAt) return fail("already_revoked", "This allocation is already revoked.");
      const result = await revokeAllocation(shop, allocationId, actor);
      if (!result.ok) return fail(result.code, `${result.message}.`);
      return {
        ok: true,
        message: `${result.revoked.toLocaleString("en-US")} unredeemed codes revoked; they are being removed from Shopify.`,
      };
    }
    case "mint-shortfall":
      return mintMoreCodes(shop, fields.campaignId ?? "", Number(fields.count), actor);
    default:
      return fail("unknown_action", "Unknown action.");
  }
}

function plain(result: Awaited<ReturnType<typeof allocateCodes>>): AllocationActionResult {
  if (result.ok) return { ok: true, message: result.message };
  return result;
}
