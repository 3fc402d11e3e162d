// The large shop the report benches measure: a million codes and 200,000 redemptions over 180
// days (50 partners, 10 channels, 5 currencies), written by the database itself in a few
// statements, with the app's offline session so its pages load behind real authentication.
// openReportsShop does everything before a bench's own measuring: its options, the emulator with
// the shop installed, the Shopify environment, the bench's database and the seed.
import { parseArgs } from "node:util";
import { benchDatabase } from "./bench-database";
import { insertBulkCodes } from "./bulk-codes";
import { DEMO_API_KEY, DEMO_API_SECRET, freePort } from "../emulator/app-process";
import { startEmulator } from "../emulator/server";
import { loadAppRegistration } from "../emulator/store/app-config";
import { createShop, installApp } from "../emulator/store/shops";

/**
 * `--db sqlite|postgres`, `--codes`, `--redemptions` and `--runs` (default `defaultRuns`) from the
 * command line; a shop `bench-<bench>.myshopify.com` with the app installed in a fresh emulator;
 * the bench's own database, seeded. Logs how long the seed took.
 */
export async function openReportsShop(bench: string, defaultRuns: number) {
  const { values } = parseArgs({
    options: {
      db: { type: "string", default: "sqlite" },
      codes: { type: "string", default: "1000000" },
      redemptions: { type: "string", default: "200000" },
      runs: { type: "string", default: String(defaultRuns) },
    },
  });
  const codes = Number(values.codes);
  const redemptions = Number(values.redemptions);
  const runs = Number(values.runs);
  if (![codes, redemptions, runs].every((n) => Number.isSafeInteger(n) && n > 0))
    throw new Error("--codes, --redemptions and --runs must be positive whole numbers");
  if (redemptions > codes) throw new Error("--redemptions cannot exceed --codes");

  const shop = `bench-${bench}.myshopify.com`;
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const registration = loadAppRegistration({
    env: {
      SHOPIFY_API_KEY: DEMO_API_KEY,
      SHOPIFY_API_SECRET: DEMO_API_SECRET,
      SHOPIFY_APP_URL: appUrl,
    },
  });
  const emulator = await startEmulator({ port: 0, state: { apps: [registration] } });
  createShop(emulator.state, { domain: shop, name: "Bench", currency: "USD" });
  const token = installApp(emulator.state, shop, registration.apiKey, registration.scopes);
  Object.assign(process.env, {
    SHOPIFY_API_KEY: DEMO_API_KEY,
    SHOPIFY_API_SECRET: DEMO_API_SECRET,
    SHOPIFY_APP_URL: appUrl,
    SCOPES: registration.scopes.join(","),
    SHOPIFY_EMULATOR_URL: emulator.url,
  });

  const { url, target, drop } = await benchDatabase(bench, values.db);
  const started = performance.now();
  const seed = await seedReportsShop({
    shop,
    provider: target.provider,
    accessToken: token,
    scopes: registration.scopes,
    codes,
    redemptions,
  });
  console.log(
    `seeded ${codes} codes and ${redemptions} redemptions in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { codes, redemptions, runs, shop, port, appUrl, emulator, url, target, drop, seed };
}

export interface ReportsSeed {
  campaignId: string;
  partnerIds: string[];
  /** The clock the redemptions' dates count back from (ms). */
  now: number;
}

export async function seedReportsShop(options: {
  shop: string;
  provider: "sqlite" | "postgresql";
  accessToken: string;
  scopes: string[];
  codes: number;
  redemptions: number;
}): Promise<ReportsSeed> {
  const { shop, provider, codes, redemptions } = options;
  const { default: db } = await import("../app/db.server");
  const { sessionStorage } = await import("../app/shopify.server");
  const { Session } = await import("@shopify/shopify-api");
  await db.shop.create({ data: { domain: shop } });
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${shop}`,
      shop,
      state: "",
      isOnline: false,
      accessToken: options.accessToken,
      scope: options.scopes.join(","),
    }),
  );
  const campaign = await db.campaign.create({
    data: {
      shop,
      name: "Large",
      rules: {},
      codeFormat: {},
      requestedCount: codes,
      startsAt: new Date(Date.now() - 200 * 86_400_000),
      status: "active",
    },
  });
  await insertBulkCodes(db, provider, shop, campaign.id, codes);
  const partners = [];
  for (let i = 0; i < 50; i++) {
    partners.push(await db.partner.create({ data: { shop, name: `Partner ${i + 1}` } }));
  }
  const allocations = [];
  for (let i = 0; i < 60; i++) {
    // 50 partners and 10 channels.
    const partner = i < 50 ? partners[i]! : null;
    allocations.push(
      await db.allocation.create({
        data: {
          shop,
          campaignId: campaign.id,
          partnerId: partner?.id ?? null,
          channel: partner ? null : `Channel ${i - 49}`,
          label: partner?.name ?? `Channel ${i - 49}`,
          quantity: 0,
        },
      }),
    );
  }
  const firstCode = await db.code.findFirstOrThrow({
    where: { campaignId: campaign.id },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  const now = Date.now();
  const links = JSON.stringify(allocations.map((a) => [a.id, a.partnerId ?? ""]));
  const currencies = JSON.stringify(["USD", "EUR", "GBP", "CAD", "JPY"]);
  const states = `CASE WHEN i % 33 = 0 THEN 'cancelled' WHEN i % 20 = 0 THEN 'refunded'
  WHEN i % 17 = 0 THEN 'partially_refunded' ELSE 'paid' END`;
  const seedRedemptions =
    provider === "sqlite"
      ? `INSERT INTO "Redemption" ("id", "shop", "campaignId", "codeId", "code", "allocationId",
        "partnerId", "orderId", "orderName", "currency", "subtotal", "discount", "total", "refunded",
        "refundedSales", "state", "orderedAt", "createdAt", "updatedAt")
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?3)
      SELECT 'r' || i, ?1, ?2, ?4 + i, printf('BULK%09d', i),
        json_extract(?5, '$[' || (i % 60) || '][0]'),
        NULLIF(json_extract(?5, '$[' || (i % 60) || '][1]'), ''),
        'o' || i, '#' || (1000 + i), json_extract(?6, '$[' || (i % 5) || ']'),
        20 + (i % 200), 5, 25 + (i % 200), CASE WHEN i % 20 = 0 THEN 10 ELSE 0 END,
        CASE WHEN i % 20 = 0 THEN 10 ELSE 0 END, ${states},
        strftime('%Y-%m-%dT%H:%M:%S.000+00:00', (?7 - (i % 180) * 86400 - (i * 7919) % 86400), 'unixepoch'),
        strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ?7 - 3600, 'unixepoch'),
        strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ?7 - 3600, 'unixepoch')
      FROM n`
      : `INSERT INTO "Redemption" ("id", "shop", "campaignId", "codeId", "code", "allocationId",
        "partnerId", "orderId", "orderName", "currency", "subtotal", "discount", "total", "refunded",
        "refundedSales", "state", "orderedAt", "createdAt", "updatedAt")
      SELECT 'r' || i, $1, $2, $4 + i, 'BULK' || lpad(i::text, 9, '0'),
        ($5::json -> (i % 60) ->> 0), NULLIF($5::json -> (i % 60) ->> 1, ''),
        'o' || i, '#' || (1000 + i), ($6::json ->> (i % 5)),
        20 + (i % 200), 5, 25 + (i % 200), CASE WHEN i % 20 = 0 THEN 10 ELSE 0 END,
        CASE WHEN i % 20 = 0 THEN 10 ELSE 0 END, (${states})::"RedemptionState",
        to_timestamp($7 - (i % 180) * 86400 - (i * 7919) % 86400), to_timestamp($7 - 3600), to_timestamp($7 - 3600)
      FROM generate_series(0, $3 - 1) i`;
  await db.$executeRawUnsafe(
    seedRedemptions,
    shop,
    campaign.id,
    redemptions,
    firstCode.id,
    links,
    currencies,
    Math.floor(now / 1000),
  );
  return { campaignId: campaign.id, partnerIds: partners.map((p) => p.id), now };
}
