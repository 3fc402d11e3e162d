// The admin loaders through the real authentication path of @shopify/shopify-app-remix: a session
// token signed with the app's secret, a session in our Prisma session storage, no mocks.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  RequestType,
  setUpValidRequest,
  setUpValidSession,
} from "@shopify/shopify-api/test-helpers";

const apiKey = "test-api-key";
const apiSecretKey = "test-api-secret";
Object.assign(process.env, {
  SHOPIFY_API_KEY: apiKey,
  SHOPIFY_API_SECRET: apiSecretKey,
  SHOPIFY_APP_URL: "https://onecode.example",
  SCOPES: "write_discounts,read_orders,write_customers,read_products",
});

const { sessionStorage } = await import("~/shopify.server");
const { default: db } = await import("~/db.server");
const dashboard = await import("~/routes/app._index");

const storeName = `auth-${randomBytes(4).toString("hex")}`;
const shop = `${storeName}.myshopify.com`;

function adminRequest(options: { secret?: string } = {}) {
  return setUpValidRequest(
    {
      type: RequestType.Admin,
      store: storeName,
      apiKey,
      apiSecretKey: options.secret ?? apiSecretKey,
    },
    new Request("https://onecode.example/app", {
      headers: { "User-Agent": "Mozilla/5.0 Chrome/140" },
    }),
  );
}

async function loaderOutcome(request: Request) {
  try {
    return { data: await dashboard.loader({ request, params: {}, context: {} }) };
  } catch (thrown) {
    if (thrown instanceof Response) return { response: thrown };
    throw thrown;
  }
}

beforeAll(async () => {
  const session = setUpValidSession({ shop, expires: new Date(Date.now() + 24 * 3600 * 1000) });
  await sessionStorage.storeSession(session);
});

describe("the embedded admin's loaders", () => {
  it("answer a request carrying a valid session token with the shop's own data", async () => {
    const empty = await loaderOutcome(await adminRequest());
    expect(empty.data).toEqual({ campaigns: 0, liveCodes: 0, redemptions: 0 });

    await db.shop.create({ data: { domain: shop } });
    await db.campaign.create({
      data: {
        shop,
        status: "active",
        name: "Spring",
        rules: { version: 1 },
        codeFormat: { length: 10 },
        requestedCount: 5,
        startsAt: new Date(),
      },
    });
    const one = await loaderOutcome(await adminRequest());
    expect(one.data).toMatchObject({ campaigns: 1 });
  });

  it("refuse a request without a session token (sent to the token bounce page instead)", async () => {
    const url = new URL((await adminRequest()).url);
    url.searchParams.delete("id_token");
    const outcome = await loaderOutcome(
      new Request(url, { headers: { "User-Agent": "Mozilla/5.0 Chrome/140" } }),
    );
    expect(outcome.data).toBeUndefined();
    expect(outcome.response?.status).toBe(302);
    expect(outcome.response?.headers.get("location")).toMatch(/^\/auth\/session-token\?/);
  });

  it("refuse a session token signed with another secret", async () => {
    const outcome = await loaderOutcome(await adminRequest({ secret: "not-the-app-secret" }));
    expect(outcome.data).toBeUndefined();
    // A token that fails verification is treated like a missing one: get a fresh one from App Bridge.
    expect(outcome.response?.status).toBe(302);
    expect(outcome.response?.headers.get("location")).toMatch(/^\/auth\/session-token\?/);
  });
});
