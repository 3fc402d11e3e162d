// Who may see what through the partner API, over HTTP: keys in the header only, revoked and
// rotated keys, and no partner or shop reaching another's campaigns, allocations, codes or
// redemptions. Reads are checked against the OpenAPI document, and redemptions come from a
// signed order webhook through the real route.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureApp, deliver } from "../webhooks/signed-delivery";
import { withCodes } from "../webhooks/order-bodies";
import { startApiServer } from "./api-server";
import { contractChecker } from "./openapi-check";
import { newShop, seedPartner, seedShop } from "./seed";

configureApp();
const { default: db } = await import("~/db.server");
const { revokeApiKey, rotateApiKey } = await import("~/partner-api/keys.server");
const { settled } = await import("~/attribution/after-commit.server");
const { server, url } = await startApiServer();
let check: Awaited<ReturnType<typeof contractChecker>>;

beforeAll(async () => {
  check = await contractChecker(url);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function call(token: string | null, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const documented = path.split("?")[0]!.replace(/^\/codes\/[^/]+$/, "/codes/{code}");
  const json = (await check(documented, method, response)) as Record<string, unknown>;
  return { status: response.status, json, type: response.headers.get("content-type") };
}

describe("partner API keys", () => {
  it("answers 401 as problem+json without a key, with a wrong one, and with a key in the URL", async () => {
    const { shop, campaignId } = await seedShop(newShop("auth"), 5);
    const { token } = await seedPartner(shop);
    const missing = await call(null, "POST", "/claims", { campaign: campaignId });
    expect(missing).toMatchObject({ status: 401, type: "application/problem+json" });
    expect(missing.json.code).toBe("unauthorized");
    const wrong = token.slice(0, -4) + "AAAA";
    expect((await call(wrong, "GET", "/codes")).status).toBe(401);
    const inUrl = await fetch(`${url}/api/v1/codes?api_key=${token}&access_token=${token}`);
    expect(inUrl.status).toBe(401);
    expect(await db.code.count({ where: { shop, status: "distributed" } })).toBe(0);
  });

  it("stops a revoked key, and keeps a rotated key working only through its grace period", async () => {
    const { shop, campaignId } = await seedShop(newShop("rotate"), 10);
    const partner = await seedPartner(shop);
    const rotated = await rotateApiKey(shop, partner.partnerId, partner.keyId, 24);
    if (!rotated.ok) throw new Error(rotated.message);
    // Both work during the grace period.
    expect((await call(partner.token, "POST", "/claims", { campaign: campaignId })).status).toBe(
      201,
    );
    expect((await call(rotated.token, "POST", "/claims", { campaign: campaignId })).status).toBe(
      201,
    );

    // Rotating again with no grace stops the previous key at once.
    const again = await rotateApiKey(shop, partner.partnerId, rotated.id, 0);
    if (!again.ok) throw new Error(again.message);
    expect((await call(rotated.token, "GET", "/codes")).status).toBe(401);
    expect((await call(again.token, "GET", "/codes")).status).toBe(200);

    expect(await revokeApiKey(shop, partner.partnerId, again.id)).toBe(true);
    expect((await call(again.token, "GET", "/codes")).status).toBe(401);
    const listed = await db.apiKey.findMany({ where: { partnerId: partner.partnerId } });
    expect(listed.every((k) => k.secretHash.length === 64 && !k.secretHash.includes("oc_"))).toBe(
      true,
    );
    expect(listed.find((k) => k.id === partner.keyId)?.lastUsedAt).not.toBeNull();
  });

  it("limits a key to the campaigns it was given", async () => {
    const { shop, campaignId } = await seedShop(newShop("scope"), 5);
    const other = await db.campaign.create({
      data: {
        shop,
        name: "Other",
        status: "active",
        rules: { version: 1 },
        codeFormat: {},
        requestedCount: 0,
        startsAt: new Date(),
      },
    });
    const partner = await seedPartner(shop, undefined, {
      campaignIds: [other.id],
      allocationIds: null,
    });
    const answer = await call(partner.token, "POST", "/claims", { campaign: campaignId });
    expect(answer.status).toBe(404);

    // A key limited to one allocation takes from it, and from no campaign's free codes.
    const allocation = await db.allocation.create({
      data: { shop, campaignId, partnerId: partner.partnerId, label: "Batch", quantity: 1 },
    });
    const [free] = await db.code.findMany({ where: { shop, status: "available" }, take: 1 });
    await db.code.update({
      where: { id: free!.id },
      data: { status: "allocated", allocationId: allocation.id },
    });
    const { createApiKey } = await import("~/partner-api/keys.server");
    const narrow = await createApiKey(shop, partner.partnerId, "Narrow", {
      campaignIds: null,
      allocationIds: [allocation.id],
    });
    if (!narrow.ok) throw new Error(narrow.message);
    expect((await call(narrow.token, "POST", "/claims", { campaign: campaignId })).status).toBe(
      404,
    );
    const taken = await call(narrow.token, "POST", "/claims", { allocation: allocation.id });
    expect(taken.json.codes).toEqual([free!.code]);
  });
});

describe("isolation between partners and shops", () => {
  it("never lets a partner claim, read or look up another partner's or another shop's things", async () => {
    const { shop, campaignId } = await seedShop(newShop("iso"), 10);
    const a = await seedPartner(shop);
    const b = await seedPartner(shop);
    const elsewhere = await seedShop(newShop("iso-other"), 5);
    const stranger = await seedPartner(elsewhere.shop);

    const claimed = await call(a.token, "POST", "/claims", { campaign: campaignId, quantity: 2 });
    const [code] = claimed.json.codes as string[];
    const allocation = claimed.json.allocation as string;

    // B cannot claim from A's allocation, see A's codes or allocations, or look A's code up.
    expect((await call(b.token, "POST", "/claims", { allocation })).status).toBe(404);
    expect((await call(b.token, "GET", "/codes")).json.data).toEqual([]);
    expect((await call(b.token, "GET", "/allocations")).json.data).toEqual([]);
    expect((await call(b.token, "GET", `/codes/${code}`)).status).toBe(404);
    expect((await call(b.token, "GET", `/codes?allocation=${allocation}`)).json.data).toEqual([]);

    // Another shop's partner cannot use this shop's campaign, allocation or codes.
    expect((await call(stranger.token, "POST", "/claims", { campaign: campaignId })).status).toBe(
      404,
    );
    expect((await call(stranger.token, "POST", "/claims", { allocation })).status).toBe(404);
    expect((await call(stranger.token, "GET", `/codes/${code}`)).status).toBe(404);
    // And a key of this shop cannot reach the other shop's campaign.
    expect(
      (await call(a.token, "POST", "/claims", { campaign: elsewhere.campaignId })).status,
    ).toBe(404);

    // A sees its own.
    const own = await call(a.token, "GET", `/codes/${code!.toLowerCase()}`);
    expect(own.json).toMatchObject({ code, status: "distributed", allocation });
    expect(await db.code.count({ where: { shop, status: "distributed" } })).toBe(2);
  });
});

describe("reads", () => {
  it("pages the partner's codes with a cursor and filters them by status", async () => {
    const { shop, campaignId } = await seedShop(newShop("page"), 10);
    const partner = await seedPartner(shop);
    await call(partner.token, "POST", "/claims", { campaign: campaignId, quantity: 5 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(
        partner.token,
        "GET",
        `/codes?limit=2&status=distributed${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      seen.push(...(page.json.data as { code: string }[]).map((c) => c.code));
      cursor = page.json.nextCursor as string | null;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
    expect((await call(partner.token, "GET", "/codes?status=redeemed")).json.data).toEqual([]);
    expect((await call(partner.token, "GET", "/codes?status=nonsense")).status).toBe(400);
    expect((await call(partner.token, "GET", "/codes?cursor=%%%")).status).toBe(400);
    // A NUL anywhere a partner can put one is refused in words, never sent to the database.
    const nulCursor = Buffer.from("\u0000").toString("base64url");
    for (const path of ["/codes/AB%00C", "/codes?allocation=a%00", `/codes?cursor=${nulCursor}`]) {
      const refused = await call(partner.token, "GET", path);
      expect(refused.status).toBe(400);
      expect(refused.type).toBe("application/problem+json");
      expect(refused.json.detail).toMatch(/control characters such as NUL|cursor is not one/);
    }

    const allocations = await call(partner.token, "GET", "/allocations");
    expect(allocations.json.data).toMatchObject([
      { channel: "api", campaign: { id: campaignId }, codes: { distributed: 5 } },
    ]);
  });

  it("lists the partner's redemptions with order and amounts but no customer data", async () => {
    const { shop, campaignId } = await seedShop(newShop("redeem"), 5);
    const partner = await seedPartner(shop);
    const other = await seedPartner(shop);
    const claimed = await call(partner.token, "POST", "/claims", { campaign: campaignId });
    const [code] = claimed.json.codes as string[];
    expect((await deliver("orders/create", withCodes([code!]), { shop })).status).toBe(200);
    await settled();

    const answer = await call(partner.token, "GET", "/redemptions");
    expect(answer.json.data).toMatchObject([
      { code, orderName: "#1001", currency: "USD", state: "created", discount: "5" },
    ]);
    const text = JSON.stringify(answer.json);
    expect(text).not.toContain("bob.norman");
    expect(text).not.toContain("207119551");
    expect((await call(other.token, "GET", "/redemptions")).json.data).toEqual([]);
    const status = await call(partner.token, "GET", `/codes/${code}`);
    expect(status.json.status).toBe("redeemed");
    // Credited to the partner, and no "never handed out" alarm: the claim handed it out.
    const [redemption] = await db.redemption.findMany({ where: { shop } });
    expect(redemption!.partnerId).toBe(partner.partnerId);
    expect(await db.anomaly.count({ where: { shop } })).toBe(0);
  });

  it("serves a valid OpenAPI 3.1 document without a key", async () => {
    const response = await fetch(`${url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });
});
