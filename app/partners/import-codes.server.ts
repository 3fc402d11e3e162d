// "Import your own codes": a merchant's CSV joins a campaign all or nothing; codes the store has
// (any campaign, any case) are refused by name, the rest are pushed like minted ones.
import { audit } from "../audit.server";
import db from "../db.server";
import { importCodesCsv, type ImportProblem } from "../codes/csv-import";
import { fail, type Result } from "../result";
import type { CsvInput } from "../codes/csv-stream";
import { insertCodes } from "../codes/mint.server";
import { isBound } from "../campaigns/bound-campaign";
import { startPush } from "../push/control.server";

/** The form reads the upload into memory before parsing; far above any real list of codes. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
// Codes per existence lookup: well under SQLite's and PostgreSQL's bound-variable limits.
const LOOKUP_BATCH = 1_000;
/** Problems listed at most; a file with more is summarised. */
const SHOWN_PROBLEMS = 100;

export type ImportCode =
  | "campaign_not_found"
  | "campaign_bound"
  | "campaign_cancelled"
  | "campaign_minting"
  | "rows_refused"
  | "codes_taken";

export type ImportResult = Result<
  { imported: number; message: string },
  ImportCode,
  { problems: ImportProblem[] }
>;

class Raced extends Error {}

export async function importCampaignCodes(
  shop: string,
  campaignId: string,
  file: CsvInput,
  actor: string,
): Promise<ImportResult> {
  const refused = (code: ImportCode, message: string, problems: ImportProblem[] = []) =>
    fail(code, message, { problems: problems.slice(0, SHOWN_PROBLEMS) });
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, shop },
    select: { status: true, bindingKey: true, pushPaused: true },
  });
  if (!campaign) return refused("campaign_not_found", "This store has no such campaign.");
  if (isBound(campaign)) {
    return refused(
      "campaign_bound",
      "This campaign's codes are issued to named customers: it takes no imported codes.",
    );
  }
  if (campaign.status === "cancelled") {
    return refused(
      "campaign_cancelled",
      `This campaign is ${campaign.status}: it takes no new codes.`,
    );
  }
  if (campaign.status === "minting") {
    return refused(
      "campaign_minting",
      "This campaign is still being set up. Try again in a moment.",
    );
  }

  const parsed = await importCodesCsv(file);
  if (!parsed.ok) {
    return refused(
      "rows_refused",
      `No codes were imported: correct ${count(parsed.problems.length, "row")} and upload the file again.`,
      parsed.problems,
    );
  }
  const taken = await codesTheShopHas(shop, parsed.codes);
  if (taken.length > 0) {
    return refused(
      "codes_taken",
      `No codes were imported: ${count(taken.length, "code")} ${taken.length === 1 ? "is" : "are"} already in this store (codes are unique across all campaigns, whatever their case).`,
      taken.map((code) => ({
        line: null,
        code,
        reason: "duplicate",
        message: `${code} is already a code of this store.`,
      })),
    );
  }

  try {
    await db.$transaction(
      async (tx) => {
        const inserted = await insertCodes(tx, shop, campaignId, parsed.codes, "imported");
        // Another import or mint took one of these codes since the check: nothing goes in.
        if (inserted !== parsed.codes.length) throw new Raced();
        await tx.campaign.update({
          where: { id: campaignId },
          data: {
            requestedCount: { increment: inserted },
            ...(campaign.status === "active" ? { status: "pushing" as const } : {}),
          },
        });
        await audit(tx, {
          shop,
          actor,
          action: "campaign.codes.imported",
          subjectType: "Campaign",
          subjectId: campaignId,
          details: { imported: inserted },
        });
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    // The refusal above, found by the insert: another upload took the codes after the check.
    if (error instanceof Raced) {
      return refused(
        "codes_taken",
        "No codes were imported: some of them were added to this store meanwhile. Upload the file again to see which.",
      );
    }
    throw error;
  }

  const imported = count(parsed.codes.length, "code");
  if (campaign.pushPaused) {
    return {
      ok: true,
      imported: parsed.codes.length,
      message: `${imported} imported. Pushing is paused: they go to Shopify when you resume.`,
    };
  }
  const pushed = await startPush(shop, campaignId);
  return {
    ok: true,
    imported: parsed.codes.length,
    message: pushed.ok
      ? `${imported} imported; they are being pushed to Shopify.`
      : `${imported} imported. ${pushed.message}`,
  };
}

/** Of `codes`, those the shop already has in any campaign (the column ignores case). */
async function codesTheShopHas(shop: string, codes: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (let i = 0; i < codes.length && found.length < SHOWN_PROBLEMS; i += LOOKUP_BATCH) {
    const rows = await db.code.findMany({
      where: { shop, code: { in: codes.slice(i, i + LOOKUP_BATCH) as string[] } },
      select: { code: true },
    });
    found.push(...rows.map((row) => row.code));
  }
  return found;
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}
