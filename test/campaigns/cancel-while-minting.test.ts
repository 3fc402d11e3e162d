// Cancelling a campaign from its page while its codes are still being minted: minting stops, and
// no code of the cancelled campaign is left waiting to be pushed.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import db from "~/db.server";
import { resolveDatabaseTarget } from "~/db/database-url";
import { runCampaignAction } from "~/campaigns/campaign-actions.server";
import { submitNewCampaign } from "~/campaigns/campaigns.server";

const COUNT = 600_000;

function newCampaignForm(audience: Record<string, string> = { count: String(COUNT) }): FormData {
  const form = new FormData();
  const fields: Record<string, string> = {
    name: "Cancelled early",
    startsAt: "2026-01-01T00:00",
    audience: "anyone",
    formatMode: "length",
    length: "12",
    ...audience,
    rules: JSON.stringify({
      v: 1,
      reward: { kind: "amount", target: "order", value: { percent: 10 } },
    }),
  };
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The campaign's code count once it has stopped changing for longer than a mint transaction
 * takes (minting over, one way or another).
 */
async function settledCount(campaignId: string): Promise<number> {
  let last = -1;
  for (let unchanged = 0; unchanged < 6;) {
    await pause(1_000);
    const count = await db.code.count({ where: { campaignId } });
    unchanged = count === last ? unchanged + 1 : 0;
    last = count;
  }
  return last;
}

describe(`cancelling while minting on ${resolveDatabaseTarget().provider}`, () => {
  it("stops minting and leaves no code of the cancelled campaign pending", async () => {
    const shop = `cancel-${randomBytes(4).toString("hex")}.myshopify.com`;
    const created = await submitNewCampaign(shop, newCampaignForm(), "staff");
    if (!created.ok) throw new Error(JSON.stringify(created));
    // The first transaction's codes are in: minting is under way.
    while ((await db.code.count({ where: { campaignId: created.id } })) === 0) await pause(20);

    const form = new FormData();
    form.set("intent", "cancel");
    expect(await runCampaignAction(shop, created.id, "staff", form)).toEqual({
      ok: true,
      message: "Push cancelled.",
    });

    const minted = await settledCount(created.id);
    expect(minted).toBeLessThan(COUNT);
    // The minter's own clean-up after it stopped (200,000 rows take a while on PostgreSQL).
    const pending = () =>
      db.code.count({ where: { campaignId: created.id, pushState: "pending" } });
    await expect.poll(pending, { timeout: 60_000, interval: 500 }).toBe(0);
    expect(await db.campaign.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      status: "cancelled",
    });
  }, 120_000);

  it("keeps a customer-bound campaign cancelled while its codes go in, none left pending", async () => {
    const shop = `cancel-bound-${randomBytes(4).toString("hex")}.myshopify.com`;
    const ids = Array.from({ length: 100_000 }, (_, i) => String(7_000_000_000_000 + i));
    const creating = submitNewCampaign(
      shop,
      newCampaignForm({ audience: "customers", customerIds: ids.join("\n") }),
      "staff",
    );
    let campaignId: string | undefined;
    while (!campaignId) {
      await pause(20);
      const campaign = await db.campaign.findFirst({ where: { shop } });
      if (campaign && (await db.code.count({ where: { campaignId: campaign.id } })) > 0)
        campaignId = campaign.id;
    }
    const form = new FormData();
    form.set("intent", "cancel");
    expect(await runCampaignAction(shop, campaignId, "staff", form)).toMatchObject({ ok: true });

    expect(await creating).toMatchObject({ ok: true });
    expect(await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      status: "cancelled",
    });
    expect(await db.code.count({ where: { campaignId, pushState: "pending" } })).toBe(0);
  }, 120_000);
});
