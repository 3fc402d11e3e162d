// npm run bench:claims -- --seconds 20 --clients 50 [--db sqlite|postgres] [--replays 0.1]
// Builds the app (npm run build), starts its production server (`npm start`) on a fresh database,
// seeds a campaign with live codes and a partner's API key, and drives POST /api/v1/claims over
// HTTP with autocannon, a share of requests replaying an earlier request's Idempotency-Key and
// body. Afterwards it checks that no code went to two claims and that every replay got its
// original codes. In the same run it measures a raw reference on the same database
// (bench/claims-raw-server.ts: a bare node:http server, a hashed bearer key, one SQL statement),
// on tables of its own in the same database server.
// Prints one JSON line last:
// {"claims","claims_per_s","raw_claims_per_s","ratio_to_raw","p50_ms","p99_ms","duplicates",
//  "replays","replay_mismatches","non_2xx","db"}
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { APP_SERVER_ARGS, freePort } from "../emulator/app-process";
import { benchDatabase } from "./bench-database";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    clients: { type: "string", default: "50" },
    db: { type: "string", default: "sqlite" },
    replays: { type: "string", default: "0.1" },
    "no-build": { type: "boolean", default: false },
  },
});
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const replayShare = Number(values.replays);
if (!(seconds > 0) || !(clients > 0)) throw new Error("--seconds and --clients must be positive");

const root = path.resolve(import.meta.dirname, "..");
// The raw reference gets tables of its own on the same database server, seeded alike, so neither
// side's codes sit in the other's way (a scan of one pool never passes the other's rows).
const rawDatabase = await benchDatabase("claims-raw", values.db);
const { url, drop, target } = await benchDatabase("claims", values.db);
const shop = "bench-claims.myshopify.com";
const { default: db, createDatabase } = await import("../app/db.server");
const rawDb = createDatabase(rawDatabase.target);
const { createPartner } = await import("../app/partners/partners.server");
const { createApiKey } = await import("../app/partner-api/keys.server");

// Enough live codes for the fastest rate either server could reach, for each server's campaign.
const codeCount = Math.min(1_000_000, Math.ceil(seconds * 8_000));
const campaignFor = async (client: typeof db, name: string, prefix: string) => {
  await client.shop.create({ data: { domain: shop } });
  const campaign = await client.campaign.create({
    data: {
      shop,
      name,
      status: "active",
      rules: {},
      codeFormat: {},
      requestedCount: codeCount,
      startsAt: new Date(),
    },
  });
  // Seeded in one statement each: the pushed, live codes the push worker would leave.
  const sql =
    target.provider === "postgresql"
      ? `INSERT INTO "Code" ("shop", "campaignId", "code", "status", "pushState", "source", "createdAt")
         SELECT $1, $2, $3 || lpad(g::text, 8, '0'), 'available', 'live', 'generated', now()
         FROM generate_series(1, $4::int) g`
      : `WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < ?4)
         INSERT INTO "Code" ("shop", "campaignId", "code", "status", "pushState", "source", "createdAt")
         SELECT ?1, ?2, ?3 || printf('%08d', n), 'available', 'live', 'generated', strftime('%Y-%m-%dT%H:%M:%fZ') FROM g`;
  await client.$executeRawUnsafe(sql, shop, campaign.id, prefix, codeCount);
  // PostgreSQL plans from statistics, which a real shop's tables have long had.
  if (target.provider === "postgresql") await client.$executeRawUnsafe(`ANALYZE "Code"`);
  return campaign.id;
};
const appCampaign = await campaignFor(db, "Bench app", "APP");
const rawCampaign = await campaignFor(rawDb, "Bench raw", "RAW");
const partner = await createPartner(shop, { name: "Bench partner", kind: "crm" } as never);
if (!partner.ok) throw new Error(partner.message);
const key = await createApiKey(shop, partner.id, "Bench", undefined, 100_000_000);
if (!key.ok) throw new Error(key.message);
const keyRow = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });

if (!values["no-build"]) {
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
}

const serverEnv = (port: number): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: "production",
  PORT: String(port),
  DATABASE_URL: url,
  SHOPIFY_API_KEY: "bench-api-key",
  SHOPIFY_API_SECRET: "bench-api-secret",
  SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
  SCOPES: "write_discounts,read_orders,write_customers,read_products",
});

async function started(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (/http:\/\/|listening/i.test(chunk.toString())) resolve();
    });
    child.on("exit", (code) =>
      reject(new Error(`A bench server exited (${code}) before listening`)),
    );
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGINT");
  });
}

// --- The app ---------------------------------------------------------------------------------
const appPort = await freePort();
const app = spawn(process.execPath, APP_SERVER_ARGS, {
  cwd: root,
  // BENCH_SERVER_NODE_OPTIONS, e.g. --cpu-prof, profiles the app's server under load.
  env: { ...serverEnv(appPort), NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? "" },
  stdio: ["ignore", "pipe", "inherit"],
});
await started(app);

const headersFor = (idempotencyKey: string) => ({
  authorization: `Bearer ${key.token}`,
  "content-type": "application/json",
  "idempotency-key": idempotencyKey,
});
const body = JSON.stringify({ campaign: appCampaign, quantity: 1 });
/** Each fresh claim's codes by its Idempotency-Key, once its answer came back. */
const answered = new Map<string, string>();
const answeredKeys: string[] = [];
const claimOf = new Map<string, string>();
let replays = 0;
let replayMismatches = 0;
let duplicates = 0;
let firstFailure = "";

type Context = { key?: string; replay?: boolean };

// A warm-up, so the first second is not the JIT's and the connection pool's.
await autocannon({
  url: `http://127.0.0.1:${appPort}`,
  connections: 4,
  duration: 1,
  requests: [{ method: "POST", path: "/api/v1/claims", headers: headersFor("warm"), body }],
});
const result = await autocannon({
  url: `http://127.0.0.1:${appPort}`,
  connections: clients,
  duration: seconds,
  requests: [
    {
      method: "POST",
      path: "/api/v1/claims",
      setupRequest: (request, context: Context) => {
        const replay = answeredKeys.length > 0 && Math.random() < replayShare;
        const idempotencyKey = replay
          ? answeredKeys[Math.floor(Math.random() * answeredKeys.length)]!
          : randomUUID();
        context.key = idempotencyKey;
        context.replay = replay;
        return { ...request, headers: headersFor(idempotencyKey), body };
      },
      onResponse: (status, responseBody, context: Context) => {
        if (status !== 201 && !firstFailure) {
          firstFailure = `${status} ${responseBody}`;
          console.error(`First answer that was not 201: ${firstFailure}`);
        }
        if (status !== 201 || !context.key) return;
        const codes = (JSON.parse(responseBody) as { codes: string[] }).codes.join(",");
        if (context.replay) {
          replays++;
          if (answered.get(context.key) !== codes) replayMismatches++;
          return;
        }
        answered.set(context.key, codes);
        answeredKeys.push(context.key);
        for (const code of codes.split(",")) {
          const earlier = claimOf.get(code);
          if (earlier && earlier !== context.key) duplicates++;
          claimOf.set(code, context.key);
        }
      },
    },
  ],
});
await stop(app);
firstFailure = "";
// Codes the database handed out to two claims (by construction none: one claim id per code);
// and codes handed out twice across answers, counted above.
const handedOut = await db.code.count({
  where: { campaignId: appCampaign, status: "distributed" },
});
const claims = await db.apiClaim.count({ where: { campaignId: appCampaign } });

// --- The raw reference -----------------------------------------------------------------------
const rawPort = await freePort();
const raw = spawn(process.execPath, ["--import", "tsx", "bench/claims-raw-server.ts"], {
  cwd: root,
  env: {
    ...serverEnv(rawPort),
    DATABASE_URL: rawDatabase.url,
    RAW_CAMPAIGN_ID: rawCampaign,
    RAW_KEY_HASH: keyRow.secretHash,
  },
  stdio: ["ignore", "pipe", "inherit"],
});
await started(raw);
const rawBody = JSON.stringify({ quantity: 1 });
const rawHeaders = { authorization: `Bearer ${key.token}`, "content-type": "application/json" };
await autocannon({
  url: `http://127.0.0.1:${rawPort}`,
  connections: 4,
  duration: 1,
  requests: [{ method: "POST", path: "/claims", headers: rawHeaders, body: rawBody }],
});
const rawResult = await autocannon({
  url: `http://127.0.0.1:${rawPort}`,
  connections: clients,
  duration: seconds,
  requests: [
    {
      method: "POST",
      path: "/claims",
      headers: rawHeaders,
      body: rawBody,
      onResponse: (status, responseBody) => {
        if (status !== 201 && !firstFailure) {
          firstFailure = `${status} ${responseBody}`;
          console.error(`Raw reference: first answer that was not 201: ${firstFailure}`);
        }
      },
    },
  ],
});
await stop(raw);
await drop((sql) => db.$executeRawUnsafe(sql));
await rawDatabase.drop((sql) => rawDb.$executeRawUnsafe(sql));
await db.$disconnect();
await rawDb.$disconnect();

const fresh = result["2xx"] - replays;
const claimsPerSecond = Math.round(fresh / seconds);
const rawPerSecond = Math.round(rawResult["2xx"] / seconds);
console.error(
  `app: ${result["2xx"]} answers 2xx (${fresh} claims, ${replays} replays), ${claims} claim rows, ${handedOut} codes handed out; raw: ${rawResult["2xx"]} claims, ${rawResult.non2xx} other answers, ${rawResult.errors} errors, p99 ${rawResult.latency.p99} ms`,
);
console.log(
  JSON.stringify({
    claims: fresh,
    claims_per_s: claimsPerSecond,
    raw_claims_per_s: rawPerSecond,
    ratio_to_raw: Math.round((claimsPerSecond / rawPerSecond) * 100) / 100,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    duplicates: duplicates + Math.max(0, handedOut - claims),
    replays,
    replay_mismatches: replayMismatches,
    non_2xx: result.non2xx,
    db: values.db,
  }),
);
process.exit(0);
