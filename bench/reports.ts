// npm run bench:reports -- [--db sqlite|postgres] [--codes 1000000] [--redemptions 200000] [--runs 20]
// A shop with a million codes and 200,000 redemptions over 180 days (50 partners, 5 currencies):
// times the Reports page's and the campaign page's loaders (warm, behind real authentication,
// the shop's time zone from the emulator's Admin API), then downloads the redemptions CSV and the
// campaign's codes over HTTP from the production build, reading the server's peak memory.
// The last line is JSON.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { openReportsShop } from "./reports-seed";
import { APP_SERVER_ARGS, buildApp, DEMO_API_KEY, DEMO_API_SECRET } from "../emulator/app-process";

const { codes, redemptions, runs, shop, port, appUrl, emulator, url, target, drop, seed } =
  await openReportsShop("reports", 20);
const { campaignId, partnerIds, now } = seed;
const { default: db } = await import("../app/db.server");
const reportsRoute = await import("../app/routes/app.reports._index");
const campaignRoute = await import("../app/routes/app.campaigns.$id");

const log = (line: string) => console.log(line);
const campaign = { id: campaignId };
const partners = partnerIds.map((id) => ({ id }));
if (target.provider === "postgresql") {
  // What autovacuum does on its own within a minute or so of a bulk load (statistics, and the
  // visibility map that index-only scans need); without it the planner takes the freshly loaded
  // tables for empty. SQLite keeps no statistics unless asked, and the app never asks.
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Code", "Redemption", "CodeTally"`);
}

// --- Loaders ------------------------------------------------------------------------------------
async function adminRequest(path: string): Promise<Request> {
  return setUpValidRequest(
    {
      type: RequestType.Admin,
      store: shop.replace(/\.myshopify\.com$/, ""),
      apiKey: DEMO_API_KEY,
      apiSecretKey: DEMO_API_SECRET,
    },
    new Request(`${appUrl}${path}`, { headers: { "User-Agent": "Mozilla/5.0 Chrome/140" } }),
  );
}

type Loader = (args: {
  request: Request;
  params: Record<string, string>;
  context: object;
}) => Promise<unknown>;

async function time(loader: Loader, path: string, params: Record<string, string>) {
  const request = await adminRequest(path);
  const t = performance.now();
  await loader({ request, params, context: {} });
  return performance.now() - t;
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const first = await time(reportsRoute.loader as Loader, "/app/reports?range=180d", {});
log(`first report view (builds the rollup) ${first.toFixed(0)} ms`);
const reportPaths = [
  "/app/reports?range=180d",
  "/app/reports?range=30d",
  `/app/reports?range=90d&partner=${partners[3]!.id}`,
  "/app/reports?range=180d&channel=Channel%202",
  `/app/reports?range=7d&campaign=${campaign.id}`,
];
await time(reportsRoute.loader as Loader, reportPaths[1]!, {});
const reportTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  reportTimes.push(
    await time(reportsRoute.loader as Loader, reportPaths[i % reportPaths.length]!, {}),
  );
}
const campaignPath = `/app/campaigns/${campaign.id}`;
await time(campaignRoute.loader as Loader, campaignPath, { id: campaign.id });
const campaignTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  campaignTimes.push(await time(campaignRoute.loader as Loader, campaignPath, { id: campaign.id }));
}
log(
  `reports loader p50 ${percentile(reportTimes, 50).toFixed(0)} ms, p95 ${percentile(reportTimes, 95).toFixed(0)} ms; campaign loader p50 ${percentile(campaignTimes, 50).toFixed(0)} ms, p95 ${percentile(campaignTimes, 95).toFixed(0)} ms`,
);

if (process.env.REPORTS_PROBE) {
  const { redemptionPages } = await import("../app/reports/export-pages.server");
  const t = performance.now();
  let n = 0;
  for await (const page of redemptionPages(shop, {
    start: new Date(0),
    end: new Date(now + 86_400_000),
    campaignId: null,
    partnerId: null,
    allocationIds: null,
  })) {
    n += page.length;
    if (process.env.REPORTS_PROBE === "pages")
      log(`page ${n} at ${(performance.now() - t).toFixed(0)} ms`);
  }
  log(`in-process redemption pages: ${Math.round(n / ((performance.now() - t) / 1000))} rows/s`);
}

// --- Exports over HTTP, production build -----------------------------------------------------------
buildApp();
const server = spawn(process.execPath, APP_SERVER_ARGS, {
  stdio: ["ignore", "ignore", "pipe"],
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: url,
    APP_BRIDGE_URL: `${emulator.url}/app-bridge.js`,
  },
});
let serverErrors = "";
server.stderr?.on("data", (chunk) => (serverErrors += chunk));
for (let tries = 0; ; tries++) {
  try {
    await fetch(`${appUrl}/auth/login`);
    break;
  } catch {
    if (tries > 200) throw new Error(`The app did not start:\n${serverErrors}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function download(path: string): Promise<{ rows: number; rowsPerSecond: number }> {
  const request = await adminRequest(path);
  const t = performance.now();
  const response = await fetch(request.url, { headers: request.headers });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}\n${serverErrors}`);
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  const rows = lines - 1;
  return { rows, rowsPerSecond: Math.round(rows / ((performance.now() - t) / 1000)) };
}

const peakRssMb = () => {
  const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
};

const rssMb = () => {
  const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
};
log(`server memory before the exports: ${rssMb()} MB (peak so far ${peakRssMb()} MB)`);
const redemptionsExport = await download("/app/reports/redemptions?range=all");
log(
  `redemptions export: ${redemptionsExport.rows} rows, ${redemptionsExport.rowsPerSecond} rows/s, server peak ${peakRssMb()} MB`,
);
const codesExport = await download(`/app/campaigns/${campaign.id}/codes`);
log(`codes export: ${codesExport.rows} rows, ${codesExport.rowsPerSecond} rows/s`);
const exportPeak = peakRssMb();

server.kill("SIGINT");
await new Promise((resolve) => server.once("exit", resolve));
await emulator.close();
await drop((sql) => db.$executeRawUnsafe(sql));
await db.$disconnect();

console.log(
  JSON.stringify({
    codes,
    redemptions,
    reports_p50_ms: Math.round(percentile(reportTimes, 50)),
    reports_p95_ms: Math.round(percentile(reportTimes, 95)),
    campaign_p95_ms: Math.round(percentile(campaignTimes, 95)),
    export_rows_per_s: redemptionsExport.rowsPerSecond,
    export_peak_rss_mb: exportPeak,
    codes_export_rows_per_s: codesExport.rowsPerSecond,
    db: target.provider === "sqlite" ? "sqlite" : "postgres",
  }),
);
