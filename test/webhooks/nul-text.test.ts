// A NUL character (U+0000) is valid in JSON and in a form field, and PostgreSQL cannot store it in
// text or jsonb (22021, 22P05). Every entry point either refuses it in words (the admin's forms)
// or stores what it can (webhooks, which Shopify would otherwise retry for hours, in vain).
import { describe, expect, it } from "vitest";
import {
  RequestType,
  setUpValidRequest,
  setUpValidSession,
} from "@shopify/shopify-api/test-helpers";
import { API_KEY, API_SECRET, configureApp, deliver } from "./signed-delivery";
import { newShop, seedCampaign } from "./seed";
import { orderBody, withCodes } from "./order-bodies";

configureApp();
const { default: db } = await import("~/db.server");
const { sessionStorage } = await import("~/shopify.server");
const newCampaign = await import("~/routes/app.campaigns.new");
const partners = await import("~/routes/app.partners._index");
const rulesPage = await import("~/routes/app.campaigns.$id_.rules");

const NUL = "\u0000";

type Action = (args: {
  request: Request;
  params: Record<string, string>;
  context: object;
}) => Promise<unknown>;

/** Posts the form to the route's action as the signed-in merchant; a thrown Response is returned. */
async function post(
  shop: string,
  action: Action,
  path: string,
  fields: Record<string, string>,
  params = {},
) {
  await sessionStorage.storeSession(
    setUpValidSession({ shop, expires: new Date(Date.now() + 24 * 3600 * 1000) }),
  );
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.set(key, value);
  const request = await setUpValidRequest(
    {
      type: RequestType.Bearer,
      store: shop.replace(".myshopify.com", ""),
      apiKey: API_KEY,
      apiSecretKey: API_SECRET,
    },
    new Request(`https://onecode.example${path}`, { method: "POST", body }),
  );
  try {
    return await action({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("a NUL character in the admin's forms", () => {
  it("is refused in words in a campaign's name", async () => {
    const shop = newShop("nul-campaign");
    const result = await post(shop, newCampaign.action as Action, "/app/campaigns/new", {
      name: `Spring${NUL}sale`,
      startsAt: "2026-01-01T00:00",
      audience: "anyone",
      count: "10",
      formatMode: "length",
      length: "10",
      rules: JSON.stringify({
        v: 1,
        reward: { kind: "amount", target: "order", value: { percent: 10 } },
      }),
    });
    expect(result).toMatchObject({ errors: { name: expect.stringMatching(/character/i) } });
    expect(await db.campaign.count({ where: { shop } })).toBe(0);
  });

  it("is refused in words in a rules customer tag", async () => {
    const seeded = await seedCampaign(newShop("nul-tag"));
    const rules = {
      v: 1,
      requiredCustomerTags: [`vip${NUL}`],
      reward: { kind: "amount", target: "order", value: { percent: 10 } },
    };
    const result = await post(
      seeded.shop,
      rulesPage.action as Action,
      `/app/campaigns/${seeded.campaignId}/rules`,
      { rules: JSON.stringify(rules) },
      { id: seeded.campaignId },
    );
    expect(JSON.stringify(result)).toMatch(/requiredCustomerTags\.0.*character/i);
  });

  it("is refused in words in a partner's name", async () => {
    const shop = newShop("nul-partner");
    const result = await post(shop, partners.action as Action, "/app/partners", {
      name: `Acme${NUL}`,
      kind: "affiliate",
      email: "",
    });
    expect(result).toMatchObject({
      ok: false,
      errors: { name: expect.stringMatching(/character/i) },
    });
    expect(await db.partner.count({ where: { shop } })).toBe(0);
  });
});

describe("a NUL character in a webhook", () => {
  it("in the order's name: the redemption is recorded, the name kept as far as it can be", async () => {
    const seeded = await seedCampaign(newShop("nul-order"));
    const body = orderBody("paid", { name: `#1001${NUL}` });
    expect((await deliver("orders/paid", body, { shop: seeded.shop })).status).toBe(200);
    const [row] = await db.redemption.findMany({ where: { shop: seeded.shop } });
    expect(row).toMatchObject({ code: "TENOFF", orderName: "#1001\uFFFD" });
  });

  it("in a discount code: the delivery is answered and the order's code of ours is recorded", async () => {
    const seeded = await seedCampaign(newShop("nul-code"), { codes: ["SPRING-1"] });
    const body = withCodes(["SPRING-1", `SPRING${NUL}2`], "paid");
    expect((await deliver("orders/paid", body, { shop: seeded.shop })).status).toBe(200);
    const rows = await db.redemption.findMany({ where: { shop: seeded.shop } });
    expect(rows.map((r) => r.code)).toEqual(["SPRING-1"]);
  });

  it("in a compliance request: answered and recorded", async () => {
    const seeded = await seedCampaign(newShop("nul-dr"));
    await deliver("orders/paid", orderBody("paid"), { shop: seeded.shop });
    const body = JSON.stringify({
      shop_domain: seeded.shop,
      customer: { id: 207119551, email: `bob${NUL}@example.com`, phone: null },
      orders_requested: [],
      data_request: { id: 1 },
    });
    expect((await deliver("customers/data_request", body, { shop: seeded.shop })).status).toBe(200);
    expect(
      await db.auditLog.count({ where: { shop: seeded.shop, action: "customer_data_request" } }),
    ).toBe(1);
  });
});
