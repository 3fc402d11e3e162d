// Every failure code of the partner API's keys, authentication, webhook endpoint, admin page and
// claims, each produced by a real input on the run's database.
import { describe, expect, it } from "vitest";
import { newShop, seedPartner, seedShop } from "./seed";

const { default: db } = await import("~/db.server");
const { createApiKey, rotateApiKey } = await import("~/partner-api/keys.server");
const { savePartnerWebhook } = await import("~/partner-api/partner-webhooks.server");
const { runPartnerApiAction } = await import("~/partner-api/admin-page.server");
const { claimCodes } = await import("~/partner-api/claims.server");
const { readClaim } = await import("~/partner-api/claim-input");
const { authenticatePartner } = await import("~/partner-api/auth.server");

type Failing = { ok: boolean; code?: string; message?: string };
type Cases<Code extends string> = Record<Code, () => Promise<Failing>>;

async function world(codes = 3) {
  const { shop, campaignId } = await seedShop(newShop("api-codes"), codes);
  const partner = await seedPartner(shop);
  return { shop, campaignId, ...partner };
}

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

async function expectCode(code: string, run: () => Promise<Failing>) {
  const result = await run();
  expect(result).toMatchObject({ ok: false, code });
  expect(result.message).toMatch(/^\S.*\S$/);
}

describe("keys.server failures", () => {
  const cases: Cases<import("~/partner-api/keys.server").KeyCode> = {
    partner_not_found: async () => {
      const w = await world(0);
      return createApiKey(w.shop, "nope", "Key");
    },
    scope_outside_shop: async () => {
      const w = await world(0);
      return createApiKey(w.shop, w.partnerId, "Key", {
        campaignIds: ["nope"],
        allocationIds: null,
      });
    },
    key_not_working: async () => {
      const w = await world(0);
      return rotateApiKey(w.shop, w.partnerId, "nope", 0);
    },
  };
  it.each(Object.entries(cases))("%s", expectCode);
});

describe("partner-webhooks.server failures", () => {
  const cases: Cases<import("~/partner-api/partner-webhooks.server").SavedEndpointCode> = {
    not_a_url: async () => savePartnerWebhook((await world(0)).shop, "nope", "partner.example"),
    credentials_in_url: async () => {
      const w = await world(0);
      return savePartnerWebhook(w.shop, w.partnerId, "https://me:pw@partner.example/hooks");
    },
    not_https: async () => {
      const w = await world(0);
      return savePartnerWebhook(w.shop, w.partnerId, "http://partner.example/hooks");
    },
    partner_not_found: async () => {
      const w = await world(0);
      return savePartnerWebhook(w.shop, "nope", "https://partner.example/hooks");
    },
  };
  it.each(Object.entries(cases))("%s", expectCode);
});

describe("admin-page.server failures (the page's own; keys and endpoints are above)", () => {
  type Own = Exclude<
    import("~/partner-api/admin-page.server").PartnerApiCode,
    | import("~/partner-api/keys.server").KeyCode
    | import("~/partner-api/partner-webhooks.server").SavedEndpointCode
  >;
  const run = async (fields: Record<string, string>) => {
    const w = await world(0);
    return runPartnerApiAction(w.shop, w.partnerId, form(fields));
  };
  const cases: Cases<Own> = {
    label_too_long: () => run({ intent: "create-key", label: "k".repeat(101) }),
    label_control_character: () => run({ intent: "create-key", label: "key\u0000" }),
    already_revoked: () => run({ intent: "revoke-key", keyId: "nope" }),
    grace_not_chosen: () => run({ intent: "rotate-key", keyId: "nope", graceHours: "5000" }),
    unknown_action: () => run({ intent: "dance" }),
  };
  it.each(Object.entries(cases))("%s", expectCode);

  it("passes a key's or an endpoint's refusal through as it is", async () => {
    const w = await world(0);
    expect(
      await runPartnerApiAction(w.shop, w.partnerId, form({ intent: "save-webhook", url: "x" })),
    ).toEqual({
      ok: false,
      code: "not_a_url",
      message: "Enter a full address, such as https://partner.example/onecode.",
    });
  });
});

describe("claims.server failures", () => {
  const claim = async (
    w: Awaited<ReturnType<typeof world>>,
    body: Record<string, unknown>,
    key: string | null = null,
  ) => {
    const read = readClaim(JSON.stringify(body));
    if (!read.ok) throw new Error(read.message);
    const caller = {
      keyId: w.keyId,
      prefix: "test",
      shop: w.shop,
      partnerId: w.partnerId,
      campaignIds: null,
      allocationIds: null,
    };
    return claimCodes(caller, read.input, read.hash, key);
  };
  const cases: Cases<import("~/partner-api/claims.server").ClaimCode> = {
    idempotency_key_reused: async () => {
      const w = await world(3);
      expect((await claim(w, { campaign: w.campaignId }, "k-1")).ok).toBe(true);
      return claim(w, { campaign: w.campaignId, quantity: 2 }, "k-1");
    },
    not_found: async () => claim(await world(3), { campaign: "nope" }),
    campaign_not_active: async () => {
      const w = await world(3);
      const allocation = await db.allocation.create({
        data: {
          shop: w.shop,
          campaignId: w.campaignId,
          partnerId: w.partnerId,
          label: "Old",
          quantity: 0,
          revokedAt: new Date(),
        },
      });
      return claim(w, { allocation: allocation.id });
    },
    pool_exhausted: async () => {
      const w = await world(3);
      return claim(w, { campaign: w.campaignId, quantity: 5 });
    },
  };
  it.each(Object.entries(cases))("%s", expectCode);

  it("says how many codes are left when the pool is short", async () => {
    const w = await world(3);
    expect(await claim(w, { campaign: w.campaignId, quantity: 5 })).toEqual({
      ok: false,
      code: "pool_exhausted",
      message: "Only 3 codes are left; ask for fewer or ask the merchant for more.",
      left: 3,
    });
  });
});

describe("auth.server failures", () => {
  const request = (authorization?: string) =>
    new Request("http://localhost/api/v1/allocations", {
      headers: authorization ? { authorization } : {},
    });
  const cases: Cases<import("~/partner-api/auth.server").AuthenticationCode> = {
    unauthorized: async () => authenticatePartner(request()),
    rate_limited: async () => {
      const shop = (await seedShop(newShop("api-rate"), 0)).shop;
      const { token } = await seedPartner(shop, undefined, undefined, 1);
      // A key of one request a minute still has its burst of ten.
      for (let i = 0; i < 10; i++) {
        expect((await authenticatePartner(request(`Bearer ${token}`))).ok).toBe(true);
      }
      return authenticatePartner(request(`Bearer ${token}`));
    },
  };
  it.each(Object.entries(cases))("%s", expectCode);
});
