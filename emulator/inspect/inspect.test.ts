import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../server";
import { DEMO_SHOP } from "../store/seed";

let emulator: RunningEmulator;
beforeAll(async () => {
  // Every part mounted, as `npm run emulator` runs it.
  emulator = await startEmulator({
    port: 0,
    clock: "manual",
    state: { bulkCreationDelayMs: 1000 },
  });
});
afterAll(() => emulator.close());

const get = async (path: string) => (await fetch(`${emulator.url}${path}`)).json();
const post = async (path: string, body: unknown = {}) =>
  fetch(`${emulator.url}${path}`, { method: "POST", body: JSON.stringify(body) });

async function gql(token: string, query: string, variables: Record<string, unknown> = {}) {
  const r = await fetch(`${emulator.url}/store/${DEMO_SHOP}/admin/api/2026-04/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": token },
    body: JSON.stringify({ query, variables }),
  });
  return r.json();
}

describe("inspection API", () => {
  it("shows codes per discount, bulk creations, usage and the throttle, and moves the clock", async () => {
    const { accessToken } = await (await post(`/__emulator/shops/${DEMO_SHOP}/tokens`)).json();
    const created = await gql(
      accessToken,
      `mutation ($input: DiscountCodeBasicInput!) { discountCodeBasicCreate(basicCodeDiscount: $input) { codeDiscountNode { id } } }`,
      {
        input: {
          title: "Inspect",
          code: "INSPECT-0",
          startsAt: "2020-01-01T00:00:00Z",
          customerGets: { value: { percentage: 0.5 }, items: { all: true } },
        },
      },
    );
    const id: string = created.data.discountCodeBasicCreate.codeDiscountNode.id;
    await gql(
      accessToken,
      `mutation ($id: ID!) { discountRedeemCodeBulkAdd(discountId: $id, codes: [{code: "INSPECT-1"}]) { userErrors { message } } }`,
      { id },
    );

    const numeric = id.split("/").pop();
    expect((await get(`/__emulator/shops/${DEMO_SHOP}/discounts/${numeric}/codes`)).total).toBe(1);
    const pending = await get(`/__emulator/shops/${DEMO_SHOP}/bulk-creations`);
    expect(pending.map((b: { done: boolean }) => b.done)).toEqual([false]);
    expect((await (await post("/__emulator/clock", { advanceMs: 1000 })).json()).manual).toBe(true);
    const codes = await get(
      `/__emulator/shops/${DEMO_SHOP}/discounts/${encodeURIComponent(id)}/codes`,
    );
    expect(
      codes.codes.map((c: { code: string; asyncUsageCount: number }) => [
        c.code,
        c.asyncUsageCount,
      ]),
    ).toEqual([
      ["INSPECT-0", 0],
      ["INSPECT-1", 0],
    ]);
    const discounts = await get(`/__emulator/shops/${DEMO_SHOP}/discounts`);
    expect(discounts[0]).toMatchObject({
      id,
      title: "Inspect",
      status: "ACTIVE",
      codesCount: 2,
      asyncUsageCount: 0,
    });
    expect((await get(`/__emulator/shops/${DEMO_SHOP}/orders`)).length).toBe(2);
    const throttle = await get("/__emulator/throttle");
    expect(throttle.config).toEqual({
      maximumAvailable: 1000,
      restoreRate: 100,
      maxQueryCost: 1000,
    });
    expect(Object.keys(throttle.buckets)).toEqual([`onecode-demo-api-key|${DEMO_SHOP}`]);
    expect((await get("/__emulator")).sections).toEqual(
      expect.arrayContaining(["shops", "throttle", "faults", "webhooks"]),
    );
  });

  it("changes the bucket at runtime and resets everything", async () => {
    const changed = await (
      await post("/__emulator/throttle", { restoreRate: 1000, maximumAvailable: 2000 })
    ).json();
    expect(changed.config).toMatchObject({ restoreRate: 1000, maximumAvailable: 2000 });
    expect((await post("/__emulator/throttle", { restoreRate: -1 })).status).toBe(400);
    expect((await post("/__emulator/reset")).status).toBe(200);
    expect(await get(`/__emulator/shops/${DEMO_SHOP}/discounts`)).toEqual([]);
    const shops = await get("/__emulator/shops");
    expect(shops[0]).toMatchObject({ domain: DEMO_SHOP, installedApps: [] });
  });

  it("serves the other parts' routes beside the Admin API", async () => {
    expect((await fetch(`${emulator.url}/app-bridge.js`)).status).toBe(200);
    expect((await fetch(`${emulator.url}/store/${DEMO_SHOP}/checkout`)).status).toBe(200);
    expect((await fetch(`${emulator.url}/nowhere`)).status).toBe(404);
  });
});
