import db from "../db.server";

/**
 * A pushing campaign becomes active once nothing is left to push: no add chunk open and no pending
 * code. Both are checked in the one UPDATE statement, so they are read from one snapshot: read
 * apart, a chunk being created (codes leave `pending` as the chunk appears) or finishing with
 * replacements (a chunk closes as new pending codes appear) could slip between them on
 * PostgreSQL's read-committed isolation.
 */
export async function activateIfPushed(campaignId: string): Promise<void> {
  await db.campaign.updateMany({
    where: {
      id: campaignId,
      status: "pushing",
      codes: { none: { status: { in: ["available", "distributed"] }, pushState: "pending" } },
      chunks: { none: { kind: "add", state: { in: ["pending", "submitted"] } } },
    },
    data: { status: "active" },
  });
}
