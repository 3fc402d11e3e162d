// POST /api/v1/claims over HTTP, as a partner calls it: codes handed out and credited, replays by
// Idempotency-Key and recipient, exhaustion, limits, and concurrent claims that never share a
// code. Every answer is checked against the served OpenAPI document.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer } from "./api-server";
import { contractChecker } from "./openapi-check";
import { newShop, seedPartner, seedShop } from "./seed";

const { default: db } = await import("~/db.server");
const { authenticatePartner } = await import("~/partner-api/auth.server");
const { claimCodes } = await import("~/partner-api/claims.server");
const { readClaim } = await import("~/partner-api/claim-input");
const { server, url } = await startApiServer();
let check: Awaited<ReturnType<typeof contractChecker>>;

beforeAll(async () => {
  check = await contractChecker(url);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function claim(token: string, body: unknown, idempotencyKey?: string) {
  const response = await fetch(`${url}/api/v1/claims`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await check("/claims", "POST", response)) as Record<string, unknown>;
  return { status: response.status, headers: response.headers, json };
}

describe("POST /api/v1/claims", () => {
  it("hands out the codes asked for, credited to the key's partner through an API allocation", async () => {
    const { shop, campaignId } = await seedShop(newShop("claim"), 20);
    const partner = await seedPartner(shop);
    const answer = await claim(partner.token, { campaign: campaignId, quantity: 3 });
    expect(answer.status).toBe(201);
    const codes = answer.json.codes as string[];
    expect(codes).toHaveLength(3);
    const rows = await db.code.findMany({ where: { shop, code: { in: codes } } });
    expect(rows).toHaveLength(3);
    const allocation = await db.allocation.findUniqueOrThrow({
      where: { id: answer.json.allocation as string },
    });
    expect(allocation).toMatchObject({ partnerId: partner.partnerId, channel: "api", campaignId });
    for (const row of rows) {
      expect(row.status).toBe("distributed");
      expect(row.allocationId).toBe(allocation.id);
      expect(row.distributedAt).not.toBeNull();
    }
    // A second claim goes into the same allocation and takes other codes.
    const again = await claim(partner.token, { campaign: campaignId, quantity: 2 });
    expect(again.json.allocation).toBe(allocation.id);
    expect((again.json.codes as string[]).some((c) => codes.includes(c))).toBe(false);
    // The allocation counts what it was given, as an allocation made in the admin does.
    const grown = await db.allocation.findUniqueOrThrow({ where: { id: allocation.id } });
    expect(grown.quantity).toBe(5);
  });

  it("returns the same codes for the same Idempotency-Key and body, and refuses the key with another body", async () => {
    const { shop, campaignId } = await seedShop(newShop("idem"), 10);
    const partner = await seedPartner(shop);
    const key = randomUUID();
    const first = await claim(partner.token, { campaign: campaignId, quantity: 2 }, key);
    const second = await claim(partner.token, { quantity: 2, campaign: campaignId }, key);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.json).toEqual(first.json);
    expect(await db.code.count({ where: { shop, status: "distributed" } })).toBe(2);

    const reused = await claim(partner.token, { campaign: campaignId, quantity: 3 }, key);
    expect(reused.status).toBe(422);
    expect(reused.json).toMatchObject({ code: "idempotency_key_reused", status: 422 });
    expect(await db.code.count({ where: { shop, status: "distributed" } })).toBe(2);
  });

  it("gives one code per recipient: asking again for the same recipient returns the same code", async () => {
    const { shop, campaignId } = await seedShop(newShop("recip"), 10);
    const partner = await seedPartner(shop);
    const first = await claim(partner.token, { campaign: campaignId, recipient: "crm-42" });
    const again = await claim(partner.token, { campaign: campaignId, recipient: "crm-42" });
    const other = await claim(partner.token, { campaign: campaignId, recipient: "crm-43" });
    expect(first.json.codes).toHaveLength(1);
    expect(again.json.codes).toEqual(first.json.codes);
    expect(other.json.codes).not.toEqual(first.json.codes);
    expect(await db.code.count({ where: { shop, status: "distributed" } })).toBe(2);

    const many = await claim(partner.token, { campaign: campaignId, recipient: "x", quantity: 2 });
    expect(many.status).toBe(400);
    expect(many.json.code).toBe("invalid_request");
  });

  it("gives one code to a recipient asked for by many concurrent requests, and one claim to a key sent at once", async () => {
    const { shop, campaignId } = await seedShop(newShop("recip-race"), 30);
    const partner = await seedPartner(shop);
    const same = await Promise.all(
      Array.from({ length: 8 }, () =>
        claim(partner.token, { campaign: campaignId, recipient: "r-1" }),
      ),
    );
    expect(same.every((x) => x.status === 201)).toBe(true);
    expect(new Set(same.map((x) => JSON.stringify(x.json.codes))).size).toBe(1);
    const key = randomUUID();
    const keyed = await Promise.all(
      Array.from({ length: 8 }, () =>
        claim(partner.token, { campaign: campaignId, quantity: 2 }, key),
      ),
    );
    expect(new Set(keyed.map((x) => JSON.stringify(x.json.codes))).size).toBe(1);
    expect(await db.code.count({ where: { shop, status: "distributed" } })).toBe(3);
    // Replays added nothing to the API allocation's count.
    const allocations = await db.allocation.findMany({
      where: { shop },
      select: { quantity: true },
    });
    expect(allocations).toEqual([{ quantity: 3 }]);
  });

  it("answers 409 with the number left when the pool is short, handing out nothing", async () => {
    const { shop, campaignId } = await seedShop(newShop("short"), 4);
    const partner = await seedPartner(shop);
    const answer = await claim(partner.token, { campaign: campaignId, quantity: 5 });
    expect(answer.status).toBe(409);
    expect(answer.json).toMatchObject({ code: "pool_exhausted", left: 4 });
    expect(answer.json.detail).toContain("Only 4 codes are left");
    expect(await db.code.count({ where: { shop, status: "distributed" } })).toBe(0);
    expect(await db.apiClaim.count({ where: { shop } })).toBe(0);
  });

  it("hands small claims their codes when a larger claim in the same statement is short", async () => {
    // Claims started in one turn of the event loop share one statement (or one SQLite
    // transaction): the large one's shortfall must not refuse the small ones behind it.
    const { shop, campaignId } = await seedShop(newShop("mixed"), 6);
    const partner = await seedPartner(shop);
    // A first claim, so the campaign and the API allocation are known and the three below reach
    // their statement together.
    expect((await claim(partner.token, { campaign: campaignId })).status).toBe(201);
    const auth = await authenticatePartner(
      new Request(`${url}/api/v1/claims`, {
        headers: { authorization: `Bearer ${partner.token}` },
      }),
    );
    if (!auth.ok) throw new Error(`Not authenticated: ${auth.code}`);
    const { caller } = auth;
    const outcomes = await Promise.all(
      [10, 1, 2].map((quantity) => {
        const read = readClaim(JSON.stringify({ campaign: campaignId, quantity }));
        if (!read.ok) throw new Error(read.message);
        return claimCodes(caller, read.input, read.hash, null);
      }),
    );
    expect(outcomes.map((outcome) => (outcome.ok ? "claimed" : outcome.code))).toEqual([
      "pool_exhausted",
      "claimed",
      "claimed",
    ]);
    expect(await db.code.count({ where: { shop, status: "distributed" } })).toBe(4);
  });

  it("replays each claim of a shared statement with its own answer, time included", async () => {
    const { shop, campaignId } = await seedShop(newShop("group-replay"), 10);
    const partner = await seedPartner(shop);
    expect((await claim(partner.token, { campaign: campaignId })).status).toBe(201);
    const auth = await authenticatePartner(
      new Request(`${url}/api/v1/claims`, {
        headers: { authorization: `Bearer ${partner.token}` },
      }),
    );
    if (!auth.ok) throw new Error(`Not authenticated: ${auth.code}`);
    const { caller } = auth;
    const read = readClaim(JSON.stringify({ campaign: campaignId, quantity: 2 }));
    if (!read.ok) throw new Error(read.message);
    const keys = ["g-1", "g-2", "g-3"];
    const first = [];
    // Started milliseconds apart within one turn of the event loop (microtasks only, so none is
    // written yet): one statement, three claims with their own times.
    for (const key of keys) {
      first.push(claimCodes(caller, read.input, read.hash, key));
      for (let hop = 0; hop < 50; hop++) await null;
      const start = Date.now();
      while (Date.now() < start + 2);
    }
    const claimed = await Promise.all(first);
    const kind = (outcome: (typeof claimed)[number]) =>
      !outcome.ok ? outcome.code : outcome.replayed ? "replayed" : "claimed";
    expect(claimed.map(kind)).toEqual(["claimed", "claimed", "claimed"]);
    for (const [i, key] of keys.entries()) {
      const again = await claimCodes(caller, read.input, read.hash, key);
      expect(kind(again)).toBe("replayed");
      expect("claim" in again && again.claim).toEqual("claim" in claimed[i]! && claimed[i]!.claim);
    }
  });

  it("answers 429 with Retry-After once the key is over its rate", async () => {
    const { shop, campaignId } = await seedShop(newShop("rate"), 40);
    // Six a minute: the burst of ten is spent long before a token comes back.
    const partner = await seedPartner(shop, undefined, undefined, 6);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const answer = await claim(partner.token, { campaign: campaignId });
      statuses.push(answer.status);
      if (answer.status === 429) retryAfter = answer.headers.get("retry-after");
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it("refuses bad bodies with a sentence", async () => {
    const { shop, campaignId } = await seedShop(newShop("bad"), 2);
    const partner = await seedPartner(shop);
    for (const body of [
      { campaign: campaignId, quantity: 0 },
      { campaign: campaignId, quantity: 1001 },
      { quantity: 1 },
      { campaign: campaignId, allocation: "x" },
    ]) {
      const answer = await claim(partner.token, body);
      expect(answer.status).toBe(400);
      expect(answer.json.detail).toMatch(/\w+/);
    }
  });

  it("refuses control characters in the body's strings, storing nothing", async () => {
    const { shop, campaignId } = await seedShop(newShop("nul"), 4);
    const partner = await seedPartner(shop);
    for (const [body, field] of [
      [{ campaign: campaignId, recipient: "crm\u0000-42" }, "recipient"],
      [{ campaign: campaignId, recipient: "crm-\u001b42" }, "recipient"],
      [{ campaign: `${campaignId}\u0000` }, "campaign"],
      [{ allocation: "a\u0000" }, "allocation"],
    ] as const) {
      const answer = await claim(partner.token, body);
      expect(answer.status).toBe(400);
      expect(answer.json.detail).toBe(
        `${field}: must not contain control characters such as NUL (U+0000)`,
      );
    }
    expect(await db.apiClaim.count({ where: { shop } })).toBe(0);
    expect(await db.code.count({ where: { shop, status: "distributed" } })).toBe(0);
  });

  it("moves codes of the partner's own allocation from allocated to handed out", async () => {
    const { shop, campaignId } = await seedShop(newShop("alloc"), 6);
    const partner = await seedPartner(shop);
    const allocation = await db.allocation.create({
      data: { shop, campaignId, partnerId: partner.partnerId, label: "Batch", quantity: 4 },
    });
    const picked = await db.code.findMany({ where: { shop }, take: 4, select: { id: true } });
    await db.code.updateMany({
      where: { id: { in: picked.map((c) => c.id) } },
      data: { status: "allocated", allocationId: allocation.id },
    });
    const answer = await claim(partner.token, { allocation: allocation.id, quantity: 3 });
    expect(answer.status).toBe(201);
    expect(answer.json.allocation).toBe(allocation.id);
    expect(
      await db.code.count({ where: { allocationId: allocation.id, status: "distributed" } }),
    ).toBe(3);
    const over = await claim(partner.token, { allocation: allocation.id, quantity: 2 });
    expect(over.json).toMatchObject({ code: "pool_exhausted", left: 1 });
  });

  it("never hands one code to two of many concurrent claims", async () => {
    const { shop, campaignId } = await seedShop(newShop("race"), 100);
    const a = await seedPartner(shop);
    const b = await seedPartner(shop);
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        claim(i % 2 ? a.token : b.token, { campaign: campaignId, quantity: 5 }),
      ),
    );
    const handed = answers.filter((x) => x.status === 201).flatMap((x) => x.json.codes as string[]);
    expect(answers.filter((x) => x.status === 201)).toHaveLength(20);
    expect(answers.filter((x) => x.status === 409)).toHaveLength(4);
    expect(new Set(handed).size).toBe(100);
    expect(await db.code.count({ where: { shop, status: "distributed" } })).toBe(100);
  });
});
