// Customer-bound codes (decision 003): the campaign's key, and one `<random part>-<tag>` code per
// customer, born `distributed` and `pending`; a code the shop already has is skipped by the insert
// (ON CONFLICT DO NOTHING) and its customer draws again, as minting does (mint.server.ts).
import { randomBytes } from "node:crypto";
import { setImmediate as eventLoopTurn } from "node:timers/promises";
import db, { databaseProvider, type Database } from "../db.server";
import type { CodeFormat } from "../codes/format";
import { createCodeGenerator, type RandomSource } from "../codes/generator";
import { bindCode } from "@onecode/checkout-rules/bound-code";

type Client = Pick<Database, "$queryRawUnsafe">;

/**
 * A new campaign's binding key: 256 CSPRNG bits as 64 hex digits. Server-only, which keeps
 * node:crypto out of the function bundle.
 */
export function newBindingKey(): string {
  return randomBytes(32).toString("hex");
}

// Redraws for customers whose code collided. Each draw is as likely to collide as a random guess
// is to match (bound-odds.ts: 1 in a million or rarer), so 5 failing in a row means a broken format.
const MAX_DRAWS = 5;
// Customers per statement: one JSON / array parameter each, so the ORM's cost is per batch. Few
// enough that a statement (which SQLite runs on the event loop) keeps webhooks waiting 0.1-0.2 s
// at most; 10,000 took up to a second on a busy machine.
const BATCH = 2_000;
// Bound variables per `IN (…)` lookup: well under SQLite's and PostgreSQL's limits.
const LOOKUP_BATCH = 1_000;

/** Some customers kept drawing codes the shop already has: the format is (nearly) used up. */
export class FormatExhausted extends Error {
  constructor(customers: number) {
    super(
      `${customers.toLocaleString("en-US")} customers could not be given a unique code: the code format has run out of unused codes. Use more random characters.`,
    );
    this.name = "FormatExhausted";
  }
}

export interface IssueInput {
  shop: string;
  campaignId: string;
  /** The campaign's bound-code key (its `bindingKey` column). */
  key: string;
  format: CodeFormat;
  /** Canonical numeric customer ids, distinct. */
  customerIds: readonly string[];
  random?: RandomSource;
}

/** Codes drawn and bound for customers: each code's customer, and the customers left to draw. */
export interface BoundDraw {
  byCode: Map<string, string>;
  again: string[];
}

// Customers bound per turn of the event loop: the tag's HMAC is pure JavaScript (it also runs in
// the discount function) at about 50 µs a code, so 100,000 customers in one go kept the process
// from serving anything (webhooks included) for 5 s.
const BIND_PER_TURN = 2_000;

/**
 * The first draw of codes for `customerIds`, made before the transaction that inserts them (so
 * the write lock is not held while it is computed), a turn of the event loop every few thousand.
 */
export async function drawBoundCodes(
  input: Omit<IssueInput, "shop" | "campaignId">,
): Promise<BoundDraw> {
  const generator = createCodeGenerator(input.format, input.random);
  const draw: BoundDraw = { byCode: new Map(), again: [] };
  for (let i = 0; i < input.customerIds.length; i += BIND_PER_TURN) {
    const customers = input.customerIds.slice(i, i + BIND_PER_TURN);
    bindInto(draw, input.key, generator.take(customers.length), customers);
    await eventLoopTurn();
  }
  return draw;
}

function bindInto(draw: BoundDraw, key: string, parts: string[], customers: readonly string[]) {
  customers.forEach((customer, i) => {
    const code = bindCode(key, parts[i] as string, customer);
    if (!code) throw new Error(`Cannot bind a code to customer ${customer}: bad key or id.`);
    // Two customers drawing one code in one batch: the second waits for the next draw.
    if (draw.byCode.has(code)) draw.again.push(customer);
    else draw.byCode.set(code, customer);
  });
}

/**
 * Inserts one bound code per customer inside the caller's transaction; returns them by customer.
 * `firstDraw`: the customers' codes drawn beforehand (drawBoundCodes). Throws when a customer's
 * code still collides after several draws (the transaction then rolls back, so nothing is
 * half-issued).
 */
export async function insertBoundCodes(
  client: Client,
  input: IssueInput,
  firstDraw?: BoundDraw,
): Promise<Map<string, string>> {
  const generator = createCodeGenerator(input.format, input.random);
  const issued = new Map<string, string>();
  let waiting = [...input.customerIds];
  const now = new Date();
  for (let draw = 0; draw < MAX_DRAWS && waiting.length > 0; draw++) {
    let drawn = draw === 0 ? firstDraw : undefined;
    if (!drawn) {
      drawn = { byCode: new Map(), again: [] };
      bindInto(drawn, input.key, generator.take(waiting.length), waiting);
    }
    const { byCode } = drawn;
    const again = [...drawn.again];
    const pairs = [...byCode];
    for (let i = 0; i < pairs.length; i += BATCH) {
      const batch = pairs.slice(i, i + BATCH);
      const inserted = new Set(await insertRows(client, input, batch, now));
      for (const [code, customer] of batch) {
        if (inserted.has(code)) issued.set(customer, code);
        else again.push(customer);
      }
    }
    waiting = again;
  }
  if (waiting.length > 0) throw new FormatExhausted(waiting.length);
  return issued;
}

async function insertRows(
  client: Client,
  input: IssueInput,
  pairs: [code: string, customer: string][],
  now: Date,
): Promise<string[]> {
  if (databaseProvider === "sqlite") {
    // `WHERE true` resolves SQLite's parsing ambiguity between a join's ON and the upsert clause.
    const rows = await client.$queryRawUnsafe<{ code: string }[]>(
      `INSERT INTO "Code" ("shop", "campaignId", "code", "source", "status", "pushState",
         "boundCustomerId", "distributedAt", "createdAt")
       SELECT ?1, ?2, json_extract(value, '$[0]'), 'generated', 'distributed', 'pending',
         json_extract(value, '$[1]'), ?3, ?3
       FROM json_each(?4) WHERE true ON CONFLICT DO NOTHING RETURNING "code"`,
      input.shop,
      input.campaignId,
      now.toISOString(),
      JSON.stringify(pairs),
    );
    return rows.map((row) => row.code);
  }
  const rows = await client.$queryRawUnsafe<{ code: string }[]>(
    `INSERT INTO "Code" ("shop", "campaignId", "code", "source", "status", "pushState",
       "boundCustomerId", "distributedAt", "createdAt")
     SELECT $1, $2, c.code, 'generated'::"CodeSource", 'distributed'::"CodeStatus",
       'pending'::"CodePushState", c.customer, $3::timestamp(3), $3::timestamp(3)
     FROM unnest($4::text[], $5::text[]) AS c(code, customer) ON CONFLICT DO NOTHING
     RETURNING "code"`,
    input.shop,
    input.campaignId,
    now,
    pairs.map(([code]) => code),
    pairs.map(([, customer]) => customer),
  );
  return rows.map((row) => row.code);
}

/**
 * The customers of `ids` who already hold a code of this campaign that can still work (not
 * revoked, and not dropped or refused on its way into Shopify), with that code.
 */
export async function customersWithCodes(
  campaignId: string,
  ids: readonly string[],
  client: Pick<Database, "code"> = db,
): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  for (let i = 0; i < ids.length; i += LOOKUP_BATCH) {
    const rows = await client.code.findMany({
      where: {
        campaignId,
        boundCustomerId: { in: ids.slice(i, i + LOOKUP_BATCH) as string[] },
        status: { not: "revoked" },
        pushState: { notIn: ["failed", "replaced", "removed"] },
      },
      select: { boundCustomerId: true, code: true },
    });
    for (const row of rows) if (row.boundCustomerId) held.set(row.boundCustomerId, row.code);
  }
  return held;
}
