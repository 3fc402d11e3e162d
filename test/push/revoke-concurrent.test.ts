// Revoking an allocation while an order webhook redeems one of its codes, on PostgreSQL: the
// revoke's serializable transaction meets the webhook's committed write and PostgreSQL aborts it
// (40001). The merchant must get the revoke, not an error page: it is tried again and then sees
// the redeemed code as redeemed. SQLite runs one writer at a time, so the race cannot happen there.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../../app/db.server";
import { revokeAllocation } from "../../app/anomalies/revoke.server";
import { resolveDatabaseTarget } from "../../app/db/database-url";

const target = resolveDatabaseTarget();
const shop = `revoke-race-${randomBytes(4).toString("hex")}.myshopify.com`;

beforeAll(async () => {
  await db.shop.create({ data: { domain: shop } });
});
afterAll(async () => {
  await db.code.deleteMany({ where: { shop } });
  await db.shop.deleteMany({ where: { domain: shop } });
});

/** A live campaign with an allocation of `count` live codes handed to a partner. */
async function liveAllocation(count: number) {
  const campaign = await db.campaign.create({
    data: {
      shop,
      name: "Partner push",
      status: "active",
      rules: { v: 1, campaignId: "x", reward: { kind: "freeShipping" } },
      codeFormat: { length: 10 },
      requestedCount: count,
      startsAt: new Date(),
      shopifyDiscountId: "gid://shopify/DiscountCodeNode/1",
    },
  });
  const allocation = await db.allocation.create({
    data: { shop, campaignId: campaign.id, label: "Leaky partner", quantity: count },
  });
  await db.code.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      shop,
      campaignId: campaign.id,
      code: `RACE${randomBytes(4).toString("hex")}${i}`,
      status: "allocated" as const,
      pushState: "live" as const,
      allocationId: allocation.id,
    })),
  });
  const codes = await db.code.findMany({
    where: { allocationId: allocation.id },
    orderBy: { id: "asc" },
  });
  return { allocation, codes };
}

describe.skipIf(target.provider !== "postgresql")("revoke against a concurrent webhook", () => {
  it("revokes the allocation's other codes and keeps the one an order redeemed meanwhile", async () => {
    if (target.provider !== "postgresql") return;
    const { allocation, codes } = await liveAllocation(5);
    const redeemed = codes[2]!;

    // The webhook's side: its own connection and serializable transaction, redeeming one code of
    // the allocation, still open when the revoke starts.
    const webhook = new pg.Client({ connectionString: target.connectionString });
    await webhook.connect();
    try {
      await webhook.query(`SET search_path TO "${target.schema}"`);
      await webhook.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
      await webhook.query(
        `UPDATE "Code" SET "status" = 'redeemed', "redeemedAt" = now() WHERE "id" = $1`,
        [redeemed.id],
      );

      const revoking = revokeAllocation(shop, allocation.id, "staff:1");
      const outcome = revoking.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      // The revoke is waiting for the webhook's row lock: its snapshot predates the redemption.
      await waitUntil(async () => {
        const { rows } = await webhook.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE wait_event_type = 'Lock' AND datname = current_database()`,
        );
        return (rows[0] as { n: number }).n > 0;
      });
      await webhook.query("COMMIT");

      const settled = await outcome;
      expect("error" in settled ? String(settled.error) : null).toBeNull();
      expect("value" in settled ? settled.value : null).toEqual({
        ok: true,
        revoked: 4,
        deleteChunks: 1,
      });
    } finally {
      await webhook.end();
    }

    const after = await db.code.findMany({
      where: { allocationId: allocation.id },
      orderBy: { id: "asc" },
      select: { id: true, status: true, pushState: true },
    });
    expect(after.find((c) => c.id === redeemed.id)).toMatchObject({
      status: "redeemed",
      pushState: "live",
    });
    expect(after.filter((c) => c.id !== redeemed.id)).toEqual(
      codes
        .filter((c) => c.id !== redeemed.id)
        .map((c) => ({ id: c.id, status: "revoked", pushState: "queued" })),
    );
    const audits = await db.auditLog.count({
      where: { shop, action: "allocation_revoked", subjectId: allocation.id },
    });
    expect(audits).toBe(1);
  });
});

async function waitUntil(done: () => Promise<boolean>, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("The revoke never waited for the webhook's lock");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
