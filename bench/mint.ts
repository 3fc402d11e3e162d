// npm run bench:mint -- --count 1000000 [--db sqlite|postgres]
// Mints and persists N codes through the app's path, then inserts N pre-made strings into the same
// table through the raw driver (the database's own limit), and prints both as one JSON line.
import { benchDatabase } from "./bench-database";
import { parseArgs } from "node:util";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createClient } from "@libsql/client";
import pg from "pg";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "1000000" },
    db: { type: "string", default: "sqlite" },
  },
});
const count = Number(values.count);
if (!Number.isSafeInteger(count) || count <= 0)
  throw new Error("--count must be a positive whole number");

const { target, drop } = await benchDatabase("mint", values.db);

const { default: db } = await import("../app/db.server");
const { mintCodes, MINT_BATCH, MINT_PER_TRANSACTION } = await import("../app/codes/mint.server");
const { parseFormat } = await import("../app/codes/format");

const shop = "bench.myshopify.com";
await db.shop.create({ data: { domain: shop } });
const newCampaign = async (name: string) =>
  (
    await db.campaign.create({
      data: {
        shop,
        status: "minting",
        name,
        rules: {},
        codeFormat: {},
        requestedCount: count,
        startsAt: new Date(),
      },
    })
  ).id;
const format = parseFormat({ length: 12 });
if (!format.ok) throw new Error("bad bench format");

// --- the app's path: generate with the CSPRNG, insert through Prisma's driver adapter in batches ---
const campaignId = await newCampaign("bench");
// The longest the process could not serve anything else while minting (the app mints in-process).
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const started = performance.now();
const result = await mintCodes({ shop, campaignId, format: format.format, count });
const seconds = (performance.now() - started) / 1000;
loopDelay.disable();
const mintPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
const stored = await db.code.count({ where: { campaignId } });
if (stored !== count) throw new Error(`expected ${count} codes stored, found ${stored}`);

// --- the raw driver: the same table and index, pre-made strings, same batch statement shape ---
const rawCampaign = await newCampaign("raw");
// Random codes of the same format, drawn before the clock starts: B-tree inserts of random keys
// cost more than of sequential ones, so the baseline must insert the same kind of keys.
const { createCodeGenerator } = await import("../app/codes/generator");
const premade = createCodeGenerator(format.format).take(count);
const rawShop = "bench-raw.myshopify.com";
await db.shop.create({ data: { domain: rawShop } });
// The same batching the app uses (MINT_BATCH codes a statement, MINT_PER_TRANSACTION a
// transaction), so the ratio measures what the app adds: generation and the round trips.
const BATCH = MINT_BATCH;
const PER_TRANSACTION = MINT_PER_TRANSACTION;
// All codes in key order, as the app draws them (mint.server.ts), sorted before the clock
// starts: the baseline is the database's own limit for the best-ordered input.
// (The default alphabet is digits and upper-case letters, so code-unit order is the index's.)
premade.sort();
const rawStarted = performance.now();
if (target.provider === "sqlite") {
  const client = createClient({ url: target.url });
  const sql = `INSERT INTO "Code" ("shop","campaignId","code","source","createdAt") SELECT ?1, ?2, value, 'imported', ?3 FROM json_each(?4) WHERE true ON CONFLICT DO NOTHING`;
  for (let t = 0; t < count; t += PER_TRANSACTION) {
    const statements = [];
    for (let i = t; i < Math.min(count, t + PER_TRANSACTION); i += BATCH) {
      const args = [
        rawShop,
        rawCampaign,
        new Date().toISOString(),
        JSON.stringify(premade.slice(i, i + BATCH)),
      ];
      statements.push({ sql, args });
    }
    await client.batch(statements, "write");
  }
  client.close();
} else {
  const client = new pg.Client({
    connectionString: target.connectionString,
    options: `-c search_path="${target.schema}"`,
  });
  await client.connect();
  for (let t = 0; t < count; t += PER_TRANSACTION) {
    await client.query("BEGIN");
    for (let i = t; i < Math.min(count, t + PER_TRANSACTION); i += BATCH) {
      await client.query(
        `INSERT INTO "Code" ("shop","campaignId","code","source","createdAt") SELECT $1, $2, c, 'imported', now() FROM unnest($3::text[]) AS c ON CONFLICT DO NOTHING`,
        [rawShop, rawCampaign, premade.slice(i, i + BATCH)],
      );
    }
    await client.query("COMMIT");
  }
  await client.end();
}
const rawSeconds = (performance.now() - rawStarted) / 1000;

await drop((sql) => db.$executeRawUnsafe(sql));
await db.$disconnect();

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
console.log(
  JSON.stringify({
    codes: result.minted,
    seconds: round(seconds),
    codes_per_s: Math.round(count / seconds),
    raw_seconds: round(rawSeconds),
    ratio_to_raw: round(seconds / rawSeconds),
    // Peak while minting; the raw baseline's pre-made array afterwards is not the app's memory.
    peak_rss_mb: mintPeakRssMb,
    longest_stall_ms: Math.round(loopDelay.max / 1e6),
    db: values.db,
  }),
);
