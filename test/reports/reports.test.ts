// The Reports page and its exports as a merchant meets them: orders arrive as signed webhooks,
// the page's loader and the download routes answer behind real authentication, and the shop's
// time zone comes from the emulator's Admin API (America/New_York).
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installShop, startPushEmulator, type PushEmulator } from "../push/harness";
import { adminRequest, call } from "../support/admin-routes";
import { deliver } from "../webhooks/signed-delivery";
import { orderBody } from "../webhooks/order-bodies";
import { seedCampaign, seedManyCodes, type Seeded } from "../webhooks/seed";

const harness: PushEmulator = await startPushEmulator();
const { default: db } = await import("~/db.server");
const reportsRoute = await import("~/routes/app.reports._index");
const exportRoute = await import("~/routes/app.reports.redemptions");
const codesRoute = await import("~/routes/app.campaigns.$id.codes");
const { PAGE_SIZE } = await import("~/reports/export-pages.server");

let shop = "";
let spring: Seeded;
let autumn: Seeded;

const usd = (amount: string) => ({
  shop_money: { amount, currency_code: "USD" },
  presentment_money: { amount, currency_code: "USD" },
});

async function order(n: number, code: string, createdAt: string, subtotal: string) {
  const body = orderBody("paid", {
    id: 7000 + n,
    admin_graphql_api_id: `gid://shopify/Order/${7000 + n}`,
    name: `#${7000 + n}`,
    created_at: createdAt,
    discount_codes: [{ code, amount: "10.00", type: "fixed_amount" }],
    discount_applications: [],
    subtotal_price: subtotal,
    subtotal_price_set: usd(subtotal),
  });
  const response = await deliver("orders/paid", body, {
    shop,
    secret: harness.env.SHOPIFY_API_SECRET,
  });
  expect(response.status).toBe(200);
}

type ReportData = Awaited<ReturnType<typeof reportsRoute.loader>>;

async function report(search: string): Promise<ReportData> {
  const request = await adminRequest(shop, `/app/reports?${search}`);
  return (await call<ReportData>(reportsRoute.loader as never, request)) as ReportData;
}

async function text(response: unknown): Promise<string> {
  expect(response).toBeInstanceOf(Response);
  const r = response as Response;
  expect(r.status).toBe(200);
  return r.text();
}

beforeAll(async () => {
  shop = await installShop(harness.emulator, "reports");
  spring = await seedCampaign(shop, { codes: ["SPRING1", "SPRING2"] });
  // Allocated but never handed out: its order is a leak.
  autumn = await seedCampaign(shop, { codes: ["AUTUMN1"], status: "allocated" });
  // 03:30 UTC on the 20th is still the evening of the 19th in New York.
  await order(1, "SPRING1", "2027-01-20T03:30:00Z", "100.00");
  await order(2, "SPRING2", "2027-01-20T15:00:00Z", "50.00");
  await order(3, "AUTUMN1", "2027-01-21T12:00:00Z", "80.00");
}, 60_000);
afterAll(async () => {
  await harness.emulator.close();
});

const RANGE = "range=custom&from=2027-01-19&to=2027-01-21";

describe("the Reports page", () => {
  it("counts each order on its day in the shop's time zone", async () => {
    const data = await report(RANGE);
    expect(data.timeZone).toEqual({ zone: "America/New_York", known: true });
    const [usdReport] = data.report.currencies;
    expect(usdReport!.days.map((d) => [d.day, d.redemptions, d.netSales])).toEqual([
      ["2027-01-19", 1, 100],
      ["2027-01-20", 1, 50],
      ["2027-01-21", 1, 80],
    ]);
    expect(usdReport!.totals).toMatchObject({ orders: 3, netSales: 230, discount: 30 });
    // AOV with the code, and before its discount; discount cost as a share of net sales.
    expect(usdReport!.ratios).toMatchObject({ aov: 76.67, aovBefore: 86.67 });
    expect(usdReport!.ratios.discountShare).toBeCloseTo(30 / 230);
    expect(usdReport!.ratios.leakRate).toBeCloseTo(1 / 3);
  });

  it("follows the range and the campaign and partner filters", async () => {
    const narrow = await report("range=custom&from=2027-01-20&to=2027-01-20");
    expect(narrow.report.currencies[0]!.totals.orders).toBe(1);
    const byCampaign = await report(`${RANGE}&campaign=${autumn.campaignId}`);
    expect(byCampaign.report.currencies[0]!.days.map((d) => d.redemptions)).toEqual([0, 0, 1]);
    const byPartner = await report(`${RANGE}&partner=${spring.partnerId}`);
    expect(byPartner.report.currencies[0]!.partners).toEqual([
      expect.objectContaining({ redemptions: 2, netSales: 150 }),
    ]);
    expect(byPartner.report.funnel).toMatchObject({ minted: 2, handedOut: 2, redeemed: 2 });
  });

  it("shows a refund delivered after a view on the next view", async () => {
    expect((await report(RANGE)).report.currencies[0]!.totals.netSales).toBe(230);
    const refund = {
      order_id: 7003,
      id: 9003,
      admin_graphql_api_id: "gid://shopify/Refund/9003",
      created_at: "2027-01-25T12:00:00Z",
      refund_line_items: [
        { id: 1, quantity: 1, subtotal_set: usd("30.00"), total_tax_set: usd("0.00") },
      ],
      refund_shipping_lines: [],
      order_adjustments: [],
      transactions: [{ kind: "refund", status: "success", amount: "30.00" }],
    };
    const response = await deliver("refunds/create", JSON.stringify(refund), {
      shop,
      secret: harness.env.SHOPIFY_API_SECRET,
    });
    expect(response.status).toBe(200);
    const after = await report(RANGE);
    expect(after.report.currencies[0]!.totals.netSales).toBe(200);
    expect(after.report.currencies[0]!.days[2]).toMatchObject({ day: "2027-01-21", netSales: 50 });
  });
});

describe("the redemptions export", () => {
  it("has the commission columns, the report's net sales, and neutralised formulas", async () => {
    await db.partner.update({ where: { id: spring.partnerId }, data: { name: "=HYPERLINK(1)" } });
    const request = await adminRequest(shop, `/app/reports/redemptions?${RANGE}`);
    const csv = await text(await call(exportRoute.loader as never, request));
    const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      "order_name",
      "date",
      "code",
      "partner",
      "allocation",
      "currency",
      "subtotal",
      "discount",
      "refunds",
      "net",
      "state",
    ]);
    expect(rows.map((r) => [r.order_name, r.code, r.net])).toEqual([
      ["#7001", "SPRING1", "100.00"],
      ["#7002", "SPRING2", "50.00"],
      ["#7003", "AUTUMN1", "50.00"],
    ]);
    expect(rows[0]!.partner).toBe("'=HYPERLINK(1)");
    expect(rows[0]!.date).toBe("2027-01-20T03:30:00.000Z");
    const data = await report(RANGE);
    const net = rows.reduce((sum, r) => sum + Number(r.net), 0);
    expect(net).toBe(data.report.currencies[0]!.totals.netSales);
    const filtered = await adminRequest(
      shop,
      `/app/reports/redemptions?${RANGE}&campaign=${autumn.campaignId}`,
    );
    const only = parse(await text(await call(exportRoute.loader as never, filtered)), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    expect(only.map((r) => r.code)).toEqual(["AUTUMN1"]);
  });
});

describe("the campaign codes download", () => {
  it("gives every code once across its pages", async () => {
    const big = await seedCampaign(shop, { codes: ["BIGFIRST"], status: "available" });
    await seedManyCodes(shop, big.campaignId, PAGE_SIZE + 5);
    const request = await adminRequest(shop, `/app/campaigns/${big.campaignId}/codes`);
    const csv = await text(await call(codesRoute.loader as never, request, { id: big.campaignId }));
    const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(PAGE_SIZE + 6);
    expect(new Set(rows.map((r) => r.code)).size).toBe(PAGE_SIZE + 6);
  }, 60_000);
});
