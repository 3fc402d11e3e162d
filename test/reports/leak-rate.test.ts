// The Reports page's leak rate counts orders whose code was never handed out and orders that came
// from a coupon site, as the order webhooks tell where the buyer came from (referring_site,
// landing_site).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installShop, startPushEmulator, type PushEmulator } from "../push/harness";
import { adminRequest, call } from "../support/admin-routes";
import { deliver } from "../webhooks/signed-delivery";
import { orderBody } from "../webhooks/order-bodies";
import { seedCampaign } from "../webhooks/seed";

const harness: PushEmulator = await startPushEmulator();
const reportsRoute = await import("~/routes/app.reports._index");

let shop = "";

async function order(
  n: number,
  code: string,
  from: { referring_site: string | null; landing_site: string | null },
) {
  const body = orderBody("paid", {
    id: 8000 + n,
    admin_graphql_api_id: `gid://shopify/Order/${8000 + n}`,
    name: `#${8000 + n}`,
    created_at: "2027-03-10T15:00:00Z",
    discount_codes: [{ code, amount: "10.00", type: "fixed_amount" }],
    discount_applications: [],
    ...from,
  });
  const response = await deliver("orders/paid", body, {
    shop,
    secret: harness.env.SHOPIFY_API_SECRET,
  });
  expect(response.status).toBe(200);
}

type ReportData = Awaited<ReturnType<typeof reportsRoute.loader>>;

async function leakRate(): Promise<number | null | undefined> {
  const request = await adminRequest(
    shop,
    "/app/reports?range=custom&from=2027-03-01&to=2027-03-31",
  );
  const data = (await call<ReportData>(reportsRoute.loader as never, request)) as ReportData;
  return data.report.currencies[0]?.ratios.leakRate;
}

beforeAll(async () => {
  shop = await installShop(harness.emulator, "leaks");
  // Every code handed out to the partner by its allocation's download.
  await seedCampaign(shop, { codes: ["LEAK1", "LEAK2", "LEAK3", "LEAK4"] });
}, 60_000);
afterAll(async () => {
  await harness.emulator.close();
});

describe("the leak rate", () => {
  it("counts orders that came from a coupon site, by referrer or by landing page", async () => {
    await order(1, "LEAK1", { referring_site: "https://www.google.com/", landing_site: "/" });
    expect(await leakRate()).toBe(0);
    await order(2, "LEAK2", {
      referring_site: "https://www.retailmenot.com/view/example.com",
      landing_site: "/",
    });
    expect(await leakRate()).toBeCloseTo(1 / 2);
    await order(3, "LEAK3", {
      referring_site: null,
      landing_site: "/products/shirt?utm_source=honey.com",
    });
    expect(await leakRate()).toBeCloseTo(2 / 3);
    await order(4, "LEAK4", { referring_site: null, landing_site: null });
    expect(await leakRate()).toBeCloseTo(2 / 4);
  });
});
