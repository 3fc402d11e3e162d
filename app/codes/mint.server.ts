import db, { databaseProvider, type Database } from "../db.server";
import type { CodeFormat } from "./format";
import { createCodeGenerator, type RandomSource } from "./generator";

// Codes per INSERT: one statement carries the whole batch as a single JSON/array parameter, so
// the ORM's cost is per batch, never per code (STACK-NOTES: per-row ORM inserts are too slow).
// Not larger: a batch's parameter text (about 15 bytes a code, copied on its way to the driver)
// beyond V8's regular object size goes straight to the old generation and piles up until a full
// GC. bench:mint, 1M codes: SQLite at 10,000 a statement 5.8-6.3 s, peak RSS 251-326 MB over six
// runs (20,000: 4.9 s, 287-319 MB; 5,000: 7.4 s); PostgreSQL, whose driver also spells the array
// out as text, at 5,000 a statement 12.6-12.9 s, 247-283 MB (10,000: 299-302 MB).
export const MINT_BATCH = databaseProvider === "sqlite" ? 10_000 : 5_000;
// Codes per transaction: fewer commits (and SQLite checkpoints) while holding the write lock for
// about a second at most, so webhooks and the push worker are never kept waiting long.
const PER_TRANSACTION = 200_000;
// A batch in which nearly nothing inserts means the space is (close to) exhausted; the odds check
// refuses such plans up front, so reaching this is a bug or a race with another campaign.
const MAX_FRUITLESS_BATCHES = 5;

export interface MintOptions {
  shop: string;
  campaignId: string;
  format: CodeFormat;
  count: number;
  random?: RandomSource;
  batchSize?: number;
  /** Called after each committed transaction with the number minted so far (a heartbeat). */
  onCommitted?: (minted: number) => Promise<void>;
}

export interface MintResult {
  minted: number;
  /** Codes drawn but refused by the unique index (already in the shop, in any case) and redrawn. */
  collisions: number;
}

/**
 * Mints `count` new unique codes into a campaign. Uniqueness is left to the database's
 * case-insensitive unique index (INSERT … ON CONFLICT DO NOTHING): no check-then-insert race, and
 * only the shortfall of each batch is drawn again.
 */
export async function mintCodes(options: MintOptions): Promise<MintResult> {
  const generator = createCodeGenerator(options.format, options.random);
  const batchSize = options.batchSize ?? MINT_BATCH;
  let remaining = options.count;
  let collisions = 0;
  let fruitless = 0;
  while (remaining > 0) {
    const target = remaining - Math.min(remaining, PER_TRANSACTION);
    await db.$transaction(
      async (tx) => {
        while (remaining > target) {
          const batch = generator.take(Math.min(remaining - target, batchSize));
          const inserted = await insertCodes(
            tx,
            options.shop,
            options.campaignId,
            batch,
            "generated",
          );
          collisions += batch.length - inserted;
          remaining -= inserted;
          fruitless = inserted < batch.length / 2 ? fruitless + 1 : 0;
          if (fruitless >= MAX_FRUITLESS_BATCHES) {
            throw new Error(
              `Only ${options.count - remaining} of ${options.count} codes could be minted: the code format has run out of unused codes. Use a longer code.`,
            );
          }
        }
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    await options.onCommitted?.(options.count - remaining);
  }
  return { minted: options.count, collisions };
}

/** Inserts codes, skipping any the shop already has in any letter case; returns how many went in. */
export async function insertCodes(
  client: Pick<Database, "$executeRawUnsafe">,
  shop: string,
  campaignId: string,
  codes: readonly string[],
  source: "generated" | "imported",
): Promise<number> {
  if (codes.length === 0) return 0;
  const now = new Date();
  // In key order: consecutive inserts land on neighbouring pages of the unique index, which
  // stay cached, instead of random pages of an index that outgrows the cache as a campaign grows
  // (bench:mint, 3M codes on SQLite: 33.4 s unsorted, 24.3 s sorted).
  const ordered = [...codes].sort();
  if (databaseProvider === "sqlite") {
    // `WHERE true` resolves SQLite's parsing ambiguity between a join's ON and the upsert clause.
    return client.$executeRawUnsafe(
      `INSERT INTO "Code" ("shop", "campaignId", "code", "source", "createdAt")
       SELECT ?1, ?2, value, ?3, ?4 FROM json_each(?5) WHERE true ON CONFLICT DO NOTHING`,
      shop,
      campaignId,
      source,
      now.toISOString(),
      JSON.stringify(ordered),
    );
  }
  return client.$executeRawUnsafe(
    `INSERT INTO "Code" ("shop", "campaignId", "code", "source", "createdAt")
     SELECT $1, $2, c, $3::"CodeSource", $4::timestamp(3) FROM unnest($5::text[]) AS c ON CONFLICT DO NOTHING`,
    shop,
    campaignId,
    source,
    now,
    ordered,
  );
}
