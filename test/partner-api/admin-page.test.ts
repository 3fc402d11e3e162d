// The partner's API page in the admin (/app/partners/:id/api) through the real authentication of
// @shopify/shopify-app-remix: keys created, shown once, used against the API, rotated and
// revoked; the webhook endpoint saved with its secret shown once; another shop sees nothing.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  RequestType,
  setUpValidRequest,
  setUpValidSession,
} from "@shopify/shopify-api/test-helpers";
import { startApiServer } from "./api-server";
import { seedShop } from "./seed";

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
const { createPartner } = await import("~/partners/partners.server");
const page = await import("~/routes/app.partners.$id_.api");
const api = await startApiServer();
afterAll(() => new Promise<void>((resolve) => api.server.close(() => resolve())));

const store = `keys-${randomBytes(4).toString("hex")}`;
const shop = `${store}.myshopify.com`;
const otherStore = `keys-other-${randomBytes(4).toString("hex")}`;
let partnerId: string;
let campaignId: string;

beforeAll(async () => {
  for (const s of [shop, `${otherStore}.myshopify.com`]) {
    await sessionStorage.storeSession(
      setUpValidSession({ shop: s, expires: new Date(Date.now() + 24 * 3600 * 1000) }),
    );
  }
  campaignId = (await seedShop(shop, 10)).campaignId;
  const partner = await createPartner(shop, { name: "Acme", kind: "affiliate" } as never);
  if (!partner.ok) throw new Error(partner.message);
  partnerId = partner.id;
});

async function adminRequest(fields?: Record<string, string>, storeName = store) {
  const url = `https://onecode.example/app/partners/${partnerId}/api`;
  return setUpValidRequest(
    { type: RequestType.Admin, store: storeName, apiKey, apiSecretKey },
    new Request(url, {
      method: fields ? "POST" : "GET",
      headers: { "User-Agent": "Mozilla/5.0 Chrome/140" },
      body: fields ? new URLSearchParams(fields) : undefined,
    }),
  );
}

async function act(fields: Record<string, string>) {
  const request = await adminRequest(fields);
  return page.action({ request, params: { id: partnerId }, context: {} });
}

async function load(storeName = store) {
  const request = await adminRequest(undefined, storeName);
  try {
    return await page.loader({ request, params: { id: partnerId }, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function claim(token: string) {
  return fetch(`${api.url}/api/v1/claims`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ campaign: campaignId }),
  });
}

describe("the partner's API page", () => {
  it("creates a key shown once, lists it by prefix with its last use, rotates and revokes it", async () => {
    const created = await act({ intent: "create-key", label: "CRM" });
    expect(created.ok).toBe(true);
    const token = (created as { token: string }).token;
    expect(token).toMatch(/^oc_[a-z0-9]{10}_/);
    expect((await claim(token)).status).toBe(201);

    const data = (await load()) as Exclude<Awaited<ReturnType<typeof page.loader>>, Response>;
    expect(data.keys).toMatchObject([{ label: "CRM", state: "active" }]);
    // Everything after "oc_<prefix>_" is the secret.
    expect(JSON.stringify(data)).not.toContain(token.slice(14));
    expect(data.keys[0]!.lastUsedAt).not.toBeNull();

    const rotated = await act({ intent: "rotate-key", keyId: data.keys[0]!.id, graceHours: "24" });
    const newToken = (rotated as { token: string }).token;
    expect((await claim(token)).status).toBe(201);
    expect((await claim(newToken)).status).toBe(201);

    const after = (await load()) as typeof data;
    const fresh = after.keys.find((k) => k.state === "active")!;
    expect(after.keys.find((k) => k.id === data.keys[0]!.id)!.state).toBe("expiring");
    expect((await act({ intent: "revoke-key", keyId: fresh.id })).ok).toBe(true);
    expect((await claim(newToken)).status).toBe(401);
  });

  it("saves an HTTPS webhook endpoint and shows its secret once; refuses plain HTTP", async () => {
    const refused = await act({ intent: "save-webhook", url: "http://partner.example/hooks" });
    expect(refused).toMatchObject({ ok: false, message: "The address must start with https://." });
    const saved = await act({ intent: "save-webhook", url: "https://partner.example/hooks" });
    const secret = (saved as { secret: string }).secret;
    expect(secret).toMatch(/^whsec_/);
    const data = await load();
    expect(JSON.stringify(data)).toContain("https://partner.example/hooks");
    expect(JSON.stringify(data)).not.toContain(secret);
  });

  it("shows another shop nothing of this partner", async () => {
    const outcome = await load(otherStore);
    expect(outcome).toBeInstanceOf(Response);
    expect((outcome as Response).status).toBe(404);
    expect(await db.apiKey.count({ where: { shop: `${otherStore}.myshopify.com` } })).toBe(0);
  });
});
