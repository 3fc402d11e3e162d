import db, { bulkTransaction, databaseProvider, type Database } from "../db.server";
import type { DriverArg, DriverTransaction } from "../db/driver-transaction.server";
import { beforeNextBulkWrite, urgentWorkUnderWay } from "../db/write-priority.server";
import { listText, sortBlock, type CodeBlock } from "./code-block";
import type { CodeFormat } from "./format";
import { createCodeGenerator, type RandomSource } from "./generator";

// Codes per INSERT: one statement carries the whole batch as one parameter (decision 030).
export const MINT_BATCH = databaseProvider === "sqlite" ? 10_000 : 5_000;
// Codes per transaction: few commits, the write lock held about a second at most.
export const MINT_PER_TRANSACTION = 200_000;
const MINT_TRANSACTION_MS = 1_000;
// A batch that inserts nearly nothing means the space is exhausted: a bug or a race.
const MAX_FRUITLESS_BATCHES = 5;

export interface MintOptions {
  shop: string;
  campaignId: string;
  format: CodeFormat;
  count: number;
  random?: RandomSource;
  batchSize?: number;
  perTransaction?: number;
  /** After each committed transaction with the count so far; false stops minting (cancelled). */
  onCommitted?: (minted: number) => Promise<boolean | void>;
}

export interface MintResult {
  minted: number;
  /** Whether onCommitted stopped minting before `count` codes were in. */
  stopped: boolean;
  /** Codes drawn but refused by the unique index (already in the shop, in any case) and redrawn. */
  collisions: number;
}

/** Mints `count` new codes; the case-insensitive unique index keeps them unique (ON CONFLICT). */
export async function mintCodes(options: MintOptions): Promise<MintResult> {
  const batchSize = options.batchSize ?? MINT_BATCH;
  const perTransaction = options.perTransaction ?? MINT_PER_TRANSACTION;
  // In key order, a transaction's worth at a time, so each transaction fills its own stretch of
  // the unique index (decision 030).
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
        // The next batch, sorted; a shortfall is redrawn from the ranges that follow.
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
  // In key order: consecutive inserts land on neighbouring, cached pages of the unique index.
  const ordered = [...codes].sort();
  const { sql, args } = codeInsert(shop, campaignId, source, {
    value: databaseProvider === "sqlite" ? JSON.stringify(ordered) : ordered,
    type: "string",
    list: databaseProvider !== "sqlite",
  });
  return client.$executeRawUnsafe(sql, ...args.map((arg) => arg.value));
}

// One statement for a batch: the codes travel as one parameter the database expands.
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
