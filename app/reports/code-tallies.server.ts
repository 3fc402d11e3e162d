// Codes counted by campaign, allocation, status and push state, read from the tallies the
// database keeps in step with every change to "Code" (docs/decisions/026-code-tallies.md): a page
// showing a million codes' progress reads a few dozen rows instead of counting the codes.
import db, { databaseProvider } from "../db.server";
import type { CodePushState, CodeStatus } from "../generated/prisma/sqlite/enums";

export interface CodeTallyRow {
  /** "" for codes in no allocation. */
  allocationId: string;
  status: CodeStatus;
  pushState: CodePushState;
  count: number;
}

// PostgreSQL keeps one row per connection that changed the campaign's codes; past this many rows
// a read folds them into one per key, so reads stay a few dozen rows however long the app runs.
const FOLD_AFTER_ROWS = 400;

/** The campaign's codes by allocation, status and push state (keys with no codes left out). */
export async function campaignCodeTallies(
  shop: string,
  campaignId: string,
): Promise<CodeTallyRow[]> {
  const groups = await db.codeTally.groupBy({
    by: ["allocationId", "status", "pushState"],
    where: { shop, campaignId },
    _sum: { count: true },
    _count: { _all: true },
  });
  const rows = groups.reduce((n, g) => n + g._count._all, 0);
  if (databaseProvider === "postgresql" && rows > FOLD_AFTER_ROWS)
    await foldTallies(shop, campaignId);
  return tallyRows(groups);
}

/** Codes by allocation and status, for these allocations of the shop. */
export async function allocationCodeTallies(
  shop: string,
  allocationIds: readonly string[],
): Promise<CodeTallyRow[]> {
  if (allocationIds.length === 0) return [];
  const groups = await db.codeTally.groupBy({
    by: ["allocationId", "status", "pushState"],
    where: { shop, allocationId: { in: [...allocationIds] } },
    _sum: { count: true },
  });
  return tallyRows(groups);
}

function tallyRows(
  groups: {
    allocationId: string;
    status: CodeStatus;
    pushState: CodePushState;
    _sum: { count: number | null };
  }[],
): CodeTallyRow[] {
  return groups
    .map((g) => ({
      allocationId: g.allocationId,
      status: g.status,
      pushState: g.pushState,
      count: Number(g._sum.count ?? 0),
    }))
    .filter((row) => row.count !== 0);
}

/**
 * Adds the per-connection rows of a campaign into its slot-0 rows, in one statement. Rows deleted
 * here are added back in the same statement, so a reader never sees a count missing; a connection
 * writing into its slot meanwhile simply starts that slot again.
 */
export async function foldTallies(shop: string, campaignId: string): Promise<void> {
  await db.$executeRawUnsafe(
    `WITH gone AS (
      DELETE FROM "CodeTally" WHERE "shop" = $1 AND "campaignId" = $2 AND "slot" <> 0 RETURNING *
    )
    INSERT INTO "CodeTally" ("shop", "campaignId", "allocationId", "status", "pushState", "slot", "count")
    SELECT "shop", "campaignId", "allocationId", "status", "pushState", 0, SUM("count")
    FROM gone GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
    ON CONFLICT ("campaignId", "allocationId", "status", "pushState", "slot")
    DO UPDATE SET "count" = "CodeTally"."count" + excluded."count"`,
    shop,
    campaignId,
  );
}
