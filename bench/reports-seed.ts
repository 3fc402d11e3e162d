// The large shop the report benches measure: a million codes and 200,000 redemptions over 180
// days (50 partners, 10 channels, 5 currencies), written by the database itself in a few
// statements, with the app's offline session so its pages load behind real authentication.
// Call after benchDatabase (it points DATABASE_URL at the bench's own database) and after the
// Shopify environment is set.
import { insertBulkCodes } from "./bulk-codes";

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
