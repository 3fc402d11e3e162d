// npm run bench:webhooks -- --seconds 20 [--db sqlite|postgres] [--connections 32] [--duplicates 0.1]
// Builds the app (npm run build), starts its production server (`npm start`) on a fresh
// database, seeds a campaign, and drives signed orders/create deliveries at it on loopback with
// autocannon, a share of them exact repeats of an earlier delivery (same event id and body, as
// Shopify's retries are). Then, on the same database and with the same deliveries, it measures a
// raw reference (bench/webhooks-raw-server.ts: a bare node:http server, the HMAC check, one
// prepared statement for the event id and one for the redemption). Prints one JSON line last:
// {"sent","accepted","unique_orders","rps","raw_rps","ratio_to_raw","p50_ms","p99_ms",
//  "raw_p99_ms","duplicates_ignored","redemptions","db"}
// The server sees this process's environment: WEB_CONCURRENCY sets its worker count, and
// BENCH_SERVER_NODE_OPTIONS its NODE_OPTIONS (e.g. --cpu-prof, to profile it under load).
import { benchDatabase } from "./bench-database";
import { listening, stop } from "./bench-process";
import { execFileSync, spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { APP_SERVER_ARGS, freePort } from "../emulator/app-process";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    db: { type: "string", default: "sqlite" },
    connections: { type: "string", default: "32" },
    duplicates: { type: "string", default: "0.1" },
    "no-build": { type: "boolean", default: false },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const duplicateShare = Number(values.duplicates);
if (!(seconds > 0)) throw new Error("--seconds must be a positive number");

const root = path.resolve(import.meta.dirname, "..");
const { url, drop } = await benchDatabase("webhooks", values.db);

const secret = "bench-api-secret";
const shop = "bench.myshopify.com";
const { default: db } = await import("../app/db.server");

// Codes enough for every delivery the run can make (one code per order).
const codeCount = Math.min(400_000, Math.ceil(seconds * 5_000));
await db.shop.create({ data: { domain: shop } });
const partner = await db.partner.create({ data: { shop, name: "Bench partner" } });
const campaign = await db.campaign.create({
  data: {
    shop,
    status: "active",
    name: "Bench",
    rules: {},
    codeFormat: {},
    requestedCount: codeCount,
    startsAt: new Date(),
  },
});
const allocation = await db.allocation.create({
  data: {
    shop,
    campaignId: campaign.id,
    partnerId: partner.id,
    label: "Bench",
    quantity: codeCount,
  },
});
const codeOf = (i: number) => `BENCH-${String(i).padStart(7, "0")}`;
for (let start = 0; start < codeCount; start += 10_000) {
  await db.code.createMany({
    data: Array.from({ length: Math.min(10_000, codeCount - start) }, (_, k) => ({
      shop,
      campaignId: campaign.id,
      code: codeOf(start + k),
      status: "distributed" as const,
      pushState: "live" as const,
      allocationId: allocation.id,
      distributedAt: new Date(),
    })),
  });
}

// PostgreSQL plans from statistics, which a real shop's tables have long had by the time orders
// come in (autovacuum); freshly seeded ones have none until autovacuum's next round.
if (values.db === "postgres") await db.$executeRawUnsafe("ANALYZE");

if (!values["no-build"])
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
const port = await freePort();
const server = spawn(process.execPath, APP_SERVER_ARGS, {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: "production",
    // e.g. --cpu-prof, to profile the server under load.
    NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? "",
    PORT: String(port),
    DATABASE_URL: url,
    SHOPIFY_API_KEY: "bench-api-key",
    SHOPIFY_API_SECRET: secret,
    SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
    SCOPES: "write_discounts,read_orders,write_customers,read_products",
  },
  stdio: ["ignore", "pipe", "inherit"],
});
await listening(server);

// Shopify's example order with a discount code, compact, its id, name and code per delivery.
const template = JSON.stringify(
  JSON.parse(
    readFileSync(
      path.join(root, "test/fixtures/shopify-webhooks/orders-create.discount-code.json"),
      "utf8",
    ),
  ),
)
  .replaceAll("450789469", "__ORDER__")
  .replaceAll('"#1001"', '"#__NAME__"')
  .replaceAll("TENOFF", "__CODE__");
type Delivery = { body: string; eventId: string };
// Both servers get the same orders with the same codes, in the same order, and the same share of
// exact repeats; only the event ids differ between the two runs.
function deliveries() {
  const sent: Delivery[] = [];
  const counts = { unique: 0, duplicates: 0 };
  function next(): Delivery {
    if (sent.length > 0 && Math.random() < duplicateShare) {
      counts.duplicates++;
      return sent[Math.floor(Math.random() * sent.length)]!;
    }
    const i = counts.unique++;
    const order = String(9_007_199_254_740_993n + BigInt(i)); // past 2^53, as Shopify's ids are
    const body = template
      .replaceAll("__ORDER__", order)
      .replace("__NAME__", String(1000 + i))
      .replaceAll("__CODE__", codeOf(i % codeCount));
    const d = { body, eventId: randomUUID() };
    sent.push(d);
    return d;
  }
  return { next, counts };
}

function drive(target: number, next: () => Delivery) {
  return autocannon({
    url: `http://127.0.0.1:${target}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path: "/webhooks/orders/create",
        setupRequest: (request) => {
          const d = next();
          return {
            ...request,
            body: d.body,
            headers: {
              "content-type": "application/json",
              "x-shopify-topic": "orders/create",
              "x-shopify-hmac-sha256": createHmac("sha256", secret)
                .update(d.body, "utf8")
                .digest("base64"),
              "x-shopify-shop-domain": shop,
              "x-shopify-api-version": "2026-04",
              "x-shopify-webhook-id": randomUUID(),
              "x-shopify-event-id": d.eventId,
              "x-shopify-triggered-at": new Date().toISOString(),
            },
          };
        },
      },
    ],
  });
}

// Waits until a count stops moving: the servers finish requests autocannon stopped waiting for
// at the end of the run, and each order whose first delivery was sent must become a redemption.
async function settled(count: () => Promise<number>): Promise<number> {
  let value = -1;
  for (let still = 0; still < 5;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await count();
    still = now === value ? still + 1 : 0;
    value = now;
  }
  return value;
}

const app = deliveries();
const result = await drive(port, app.next);
const redemptions = await settled(() => db.redemption.count({ where: { shop } }));
const events = await db.webhookEvent.count({ where: { shop } });
await stop(server);

// --- The raw reference: its own two tables in the same database ------------------------------
await db.$executeRawUnsafe(`CREATE TABLE "BenchRawDelivery" ("eventId" TEXT PRIMARY KEY)`);
await db.$executeRawUnsafe(
  `CREATE TABLE "BenchRawRedemption" ("shop" TEXT NOT NULL, "orderId" TEXT NOT NULL, "code" TEXT NOT NULL)`,
);
const rawPort = await freePort();
const raw = spawn(process.execPath, ["--import", "tsx", "bench/webhooks-raw-server.ts"], {
  cwd: root,
  env: { ...process.env, PORT: String(rawPort), DATABASE_URL: url, RAW_WEBHOOK_SECRET: secret },
  stdio: ["ignore", "pipe", "inherit"],
});
await listening(raw);
const rawRun = deliveries();
const rawResult = await drive(rawPort, rawRun.next);
const countRaw = async (table: string) =>
  Number(
    ((await db.$queryRawUnsafe(`SELECT COUNT(*) AS n FROM "${table}"`)) as { n: unknown }[])[0]!.n,
  );
const rawRedemptions = await settled(() => countRaw("BenchRawRedemption"));
await stop(raw);
await db.$executeRawUnsafe(`DROP TABLE "BenchRawDelivery"`);
await db.$executeRawUnsafe(`DROP TABLE "BenchRawRedemption"`);
await drop((sql) => db.$executeRawUnsafe(sql));
await db.$disconnect();

console.error(
  `raw: ${rawResult["2xx"]} answers 2xx, ${rawResult.non2xx} other answers, ${rawResult.errors + rawResult.timeouts} errors, ${rawRedemptions} redemptions for ${rawRun.counts.unique} unique orders, p50 ${rawResult.latency.p50} ms`,
);
const accepted = result["2xx"];
const rps = Math.round(result.requests.average);
const rawRps = Math.round(rawResult.requests.average);
console.log(
  JSON.stringify({
    sent: result.requests.sent,
    accepted,
    unique_orders: app.counts.unique,
    rps,
    raw_rps: rawRps,
    ratio_to_raw: Math.round((rps / rawRps) * 100) / 100,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    raw_p99_ms: rawResult.latency.p99,
    duplicates_ignored: accepted - events,
    duplicates_sent: app.counts.duplicates,
    non_2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    redemptions,
    db: values.db,
  }),
);
process.exit(0);
