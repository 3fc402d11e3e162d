// npm run bench:push -- --count 100000 [--db sqlite|postgres] [--bucket 1000]
//
// Pushes N minted codes into the emulator running Shopify's Standard plan bucket, with its
// default 250 ms asynchronous bulk creation, through the app's own worker (its settings from the
// environment, as `npm run worker` has them), paced client and Shopify library. The Standard
// plan restores 100 points a second (shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits,
// "Standard | 100 points/second"); that page no longer states bucket sizes, and the emulator
// keeps the 1,000 points of Shopify's earlier documentation (STANDARD_PLAN_BUCKET). The size only
// sets the one-off credit at the start, which the ceiling below gives any client for free;
// `--bucket 2000` measures with a larger one.
// The last line printed is one JSON object:
//
//   codes               codes pushed (all live in the emulator's discount; checked)
//   seconds             wall time from starting the push to the campaign being active
//   codes_per_s         codes / seconds
//   ceiling_codes_per_s the fastest any client could go at the cost this push measured: it spent
//                       P points in all (Shopify's actual query costs of every call: bulk adds,
//                       polls, the discount's creation), the bucket held B points when it began
//                       (a one-off credit, not throughput), and the restore rate is R points/s, so
//                       no client spending P points can finish in less than (P - B) / R seconds;
//                       the ceiling is codes / ((P - B) / R). At 250 codes a call this is
//                       R / (cost per call) x 250 codes per call, the cost per call counting the
//                       polls each bulk add needs.
//   utilization         codes_per_s / ceiling_codes_per_s: the share of the bucket's restore
//                       capacity the push turned into codes (1.0 = the bucket never idled)
//   throttled           THROTTLED answers received (each was waited out and retried)
//   calls               Admin API calls made, so throttled / calls is the throttled share
import { benchDatabase } from "./bench-database";
import { parseArgs } from "node:util";
import { Session } from "@shopify/shopify-api";
import { startEmulator } from "../emulator/server";
import { codesOfDiscount, createShop, getShop, installApp } from "../emulator/store/index";
import { STANDARD_PLAN_BUCKET } from "../emulator/throttle/bucket";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "100000" },
    db: { type: "string", default: "sqlite" },
    bucket: { type: "string", default: String(STANDARD_PLAN_BUCKET.maximumAvailable) },
  },
});
const count = Number(values.count);
if (!Number.isSafeInteger(count) || count <= 0)
  throw new Error("--count must be a positive whole number");
const bucketSize = Number(values.bucket);
if (!Number.isSafeInteger(bucketSize) || bucketSize < STANDARD_PLAN_BUCKET.maxQueryCost)
  throw new Error(
    `--bucket must be a whole number of points, at least ${STANDARD_PLAN_BUCKET.maxQueryCost}`,
  );

// --- a database of its own, like bench/mint.ts ---
const { runId, drop } = await benchDatabase("push", values.db);

// --- Shopify: the emulator on the Standard plan's bucket ---
const emulator = await startEmulator({
  port: 0,
  mounts: [],
  bucket: { ...STANDARD_PLAN_BUCKET, maximumAvailable: bucketSize },
});
const app = [...emulator.state.apps.values()][0];
if (!app) throw new Error("The emulator knows no app (shopify.app.toml)");
Object.assign(process.env, {
  SHOPIFY_API_KEY: app.apiKey,
  SHOPIFY_API_SECRET: app.apiSecret,
  SHOPIFY_APP_URL: "http://localhost:3000",
  SCOPES: app.scopes.join(","),
  SHOPIFY_EMULATOR_URL: emulator.url,
});
const shop = `bench-${runId}.myshopify.com`;
createShop(emulator.state, { domain: shop });
const token = installApp(emulator.state, shop, app.apiKey, app.scopes);

const { default: db } = await import("../app/db.server");
const { sessionStorage } = await import("../app/shopify.server");
const { mintCodes } = await import("../app/codes/mint.server");
const { parseFormat } = await import("../app/codes/format");
const { startPush } = await import("../app/push/control.server");
const { PushWorker, workerOptionsFromEnv } = await import("../app/push/worker.server");
const { pacedAdminFor } = await import("../app/push/admin-registry.server");

await sessionStorage.storeSession(
  new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: token }),
);
await db.shop.create({ data: { domain: shop } });
const campaign = await db.campaign.create({
  data: {
    shop,
    status: "minting",
    name: "Bench",
    rules: {
      v: 1,
      campaignId: "bench",
      reward: { kind: "amount", target: "order", value: { percent: 10 } },
    },
    codeFormat: { length: 12 },
    requestedCount: count,
    startsAt: new Date(),
  },
});
const format = parseFormat({ length: 12 });
if (!format.ok) throw new Error("bad bench format");
await mintCodes({ shop, campaignId: campaign.id, format: format.format, count });

// --- the push, timed ---
const bucketKey = `${app.apiKey}|${shop}`;
const startingPoints = emulator.runtime.buckets.status(bucketKey).currentlyAvailable;
const restoreRate = emulator.runtime.buckets.config.restoreRate;
const started = performance.now();
const begun = await startPush(shop, campaign.id);
if (!begun.ok) throw new Error(begun.message);
const worker = new PushWorker({ ...workerOptionsFromEnv(), onlyShops: [shop] }).start();
// Where the time beyond the ceiling went: restore lost while the bucket sat full (nothing sent
// yet), and the points still in the bucket at the end (the last chunks' polls and bookkeeping).
let fullSeconds = 0;
let sampledAt = started;
for (;;) {
  const row = await db.campaign.findUniqueOrThrow({
    where: { id: campaign.id },
    select: { status: true },
  });
  const now = performance.now();
  if (emulator.runtime.buckets.status(bucketKey).currentlyAvailable >= bucketSize) {
    fullSeconds += (now - sampledAt) / 1000;
  }
  sampledAt = now;
  if (row.status === "active") break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const seconds = (performance.now() - started) / 1000;
const pointsLeft = emulator.runtime.buckets.status(bucketKey).currentlyAvailable;
await worker.stop();

// --- checks: every code live in the database and in the emulator's discount, once ---
const live = await db.code.count({ where: { campaignId: campaign.id, pushState: "live" } });
const { shopifyDiscountId } = await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
const inShopify = codesOfDiscount(getShop(emulator.state, shop)!, shopifyDiscountId!).length;
if (live !== count || inShopify !== count) {
  throw new Error(`expected ${count} codes live; database has ${live}, Shopify ${inShopify}`);
}

const stats = pacedAdminFor(shop).stats;
const bulkAdds = stats.byOperation.OneCodeBulkAdd?.calls ?? 0;
const polls = stats.byOperation.OneCodeBulkCreationStatus?.calls ?? 0;
// For comparison only: the ceiling had every bulk add needed exactly one poll (the least any
// client can do), everything else as measured.
const pollPoints = stats.byOperation.OneCodeBulkCreationStatus?.pointsSpent ?? 0;
const leastPoints = stats.pointsSpent - (polls - bulkAdds) * (pollPoints / Math.max(1, polls));
const leastPollCeiling = count / (Math.max(0, leastPoints - startingPoints) / restoreRate);
const idealSeconds = Math.max(0, stats.pointsSpent - startingPoints) / restoreRate;
const codesPerSecond = count / seconds;
const ceiling = count / idealSeconds;

await emulator.close();
await drop((sql) => db.$executeRawUnsafe(sql));
await db.$disconnect();

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
console.log(
  `points spent ${stats.pointsSpent} (${round(stats.pointsSpent / bulkAdds, 2)} per bulk add of ` +
    `${round(count / bulkAdds, 1)} codes), bucket at start ${startingPoints}, restore ${restoreRate}/s; ` +
    `calls by operation ${JSON.stringify(stats.byOperation)}; waited for the bucket ${round(stats.waitedMs / 1000, 1)} s; ` +
    `${round(polls / bulkAdds, 2)} polls per bulk add (with exactly 1, the ceiling would be ` +
    `${Math.round(leastPollCeiling)} codes/s, utilization ${round(codesPerSecond / leastPollCeiling, 3)}); ` +
    `bucket full for ${round(fullSeconds, 2)} s, ${pointsLeft} points left at the end`,
);
console.log(
  JSON.stringify({
    codes: count,
    seconds: round(seconds),
    codes_per_s: Math.round(codesPerSecond),
    ceiling_codes_per_s: Math.round(ceiling),
    utilization: round(codesPerSecond / ceiling, 3),
    throttled: stats.throttled,
    calls: stats.calls,
  }),
);
process.exit(0);
