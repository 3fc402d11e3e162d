import db, { bulkTransaction, databaseProvider, type Database } from "../db.server";
import type { DriverArg, DriverTransaction } from "../db/driver-transaction.server";
import { beforeNextBulkWrite, urgentWorkUnderWay } from "../db/write-priority.server";
import { listText, sortBlock, type CodeBlock } from "./code-block";
import type { CodeFormat } from "./format";
import { createCodeGenerator, type RandomSource } from "./generator";

// Codes per INSERT: one statement carries the whole batch as a single parameter (JSON text or a
// PostgreSQL array literal), so the cost is per batch, never per code: per-row ORM inserts are
// too slow (decision 030). Codes stay packed in bytes (code-block.ts) and the statement goes to
// the driver adapter, not through Prisma's query compiler (db/driver-transaction.server.ts).
export const MINT_BATCH = databaseProvider === "sqlite" ? 10_000 : 5_000;
// Codes per transaction: fewer commits (and SQLite checkpoints) while holding the write lock for
// about a second at most (MINT_TRANSACTION_MS), so other writers are never kept waiting long. A
// webhook delivery under way in this process ends the transaction sooner, at the next batch
// (db/write-priority.server.ts).
export const MINT_PER_TRANSACTION = 200_000;
const MINT_TRANSACTION_MS = 1_000;
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
  perTransaction?: number;
  /**
   * Called after each committed transaction with the number minted so far (a heartbeat); false
   * stops minting there (the campaign was cancelled).
   */
  onCommitted?: (minted: number) => Promise<boolean | void>;
}

export interface MintResult {
  minted: number;
  /** Whether onCommitted stopped minting before `count` codes were in. */
  stopped: boolean;
  /** Codes drawn but refused by the unique index (already in the shop, in any case) and redrawn. */
  collisions: number;
}

/**
 * Mints `count` new unique codes into a campaign. Uniqueness is left to the database's
 * case-insensitive unique index (INSERT … ON CONFLICT DO NOTHING): no check-then-insert race, and
 * only the shortfall of each batch is drawn again.
 */
export async function mintCodes(options: MintOptions): Promise<MintResult> {
  const batchSize = options.batchSize ?? MINT_BATCH;
  const perTransaction = options.perTransaction ?? MINT_PER_TRANSACTION;
  // The whole campaign's codes come out in key order, a transaction's worth at a time, so each
  // transaction appends to its own stretch of the unique index: the index pages a transaction
  // rewrites are about the ones its codes fill, not every page of an index that has grown past
  // a transaction's size (five times faster at 10M codes: decision 030).
  const draw = createCodeGenerator(options.format, options.random).keyOrdered(
    options.count,
    batchSize,
  );
  let remaining = options.count;
  let collisions = 0;
  let fruitless = 0;
  for (let first = true; remaining > 0; first = false) {
    const target = remaining - Math.min(remaining, perTransaction);
    if (!first) await beforeNextBulkWrite();
    await bulkTransaction(db, async (tx) => {
      const began = Date.now();
      // At least one batch a transaction, so a steady stream of deliveries cannot stop the mint.
      do {
        // The draw's next batch, sorted: batches follow one another in key order, so a
        // transaction's statements sweep its stretch of the index once. A shortfall (codes the
        // shop already had) is drawn again from the ranges that follow.
        const batch = sortBlock(draw.take(Math.min(batchSize, remaining - target)));
        const inserted = await insertBatch(tx, options, batch);
        collisions += batch.count - inserted;
        remaining -= inserted;
        fruitless = inserted < batch.count / 2 ? fruitless + 1 : 0;
        if (fruitless >= MAX_FRUITLESS_BATCHES) {
          throw new Error(
            `Only ${options.count - remaining} of ${options.count} codes could be minted: the code format has run out of unused codes. Use a longer code.`,
          );
        }
      } while (
        remaining > target &&
        !urgentWorkUnderWay() &&
        Date.now() - began < MINT_TRANSACTION_MS
      );
    });
    const minted = options.count - remaining;
    if ((await options.onCommitted?.(minted)) === false) {
      return { minted, collisions, stopped: remaining > 0 };
    }
  }
  return { minted: options.count, collisions, stopped: false };
}

function insertBatch(tx: DriverTransaction, options: MintOptions, batch: CodeBlock) {
  const codes: DriverArg = {
    value: listText(batch, databaseProvider === "sqlite" ? "json" : "postgres"),
    type: "string",
  };
  const { sql, args } = codeInsert(options.shop, options.campaignId, "generated", codes);
  return tx.execute(sql, args);
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
  // In key order: consecutive inserts land on neighbouring pages of the unique index, which
  // stay cached, instead of random pages of an index that outgrows the cache as a campaign grows.
  const ordered = [...codes].sort();
  const { sql, args } = codeInsert(shop, campaignId, source, {
    value: databaseProvider === "sqlite" ? JSON.stringify(ordered) : ordered,
    type: "string",
    list: databaseProvider !== "sqlite",
  });
  return client.$executeRawUnsafe(sql, ...args.map((arg) => arg.value));
}

// One statement for a whole batch: the codes travel as one parameter (JSON text on SQLite, a
// text array on PostgreSQL) that the database expands itself.
function codeInsert(
  shop: string,
  campaignId: string,
  source: "generated" | "imported",
  codes: DriverArg,
): { sql: string; args: DriverArg[] } {
  const common: DriverArg[] = [
    { value: shop, type: "string" },
    { value: campaignId, type: "string" },
    { value: source, type: "string" },
    { value: new Date(), type: "datetime" },
  ];
  if (databaseProvider === "sqlite") {
    // `WHERE true` resolves SQLite's parsing ambiguity between a join's ON and the upsert clause.
    return {
      sql: `INSERT INTO "Code" ("shop", "campaignId", "code", "source", "createdAt")
       SELECT ?1, ?2, value, ?3, ?4 FROM json_each(?5) WHERE true ON CONFLICT DO NOTHING`,
      args: [...common, codes],
    };
  }
  return {
    sql: `INSERT INTO "Code" ("shop", "campaignId", "code", "source", "createdAt")
     SELECT $1, $2, c, $3::"CodeSource", $4::timestamp(3) FROM unnest($5::text[]) AS c ON CONFLICT DO NOTHING`,
    args: [...common, codes],
  };
}
