// Every failure code of the partners, allocation and revoke modules, each produced by a real input
// on the run's database: the code a caller branches on and the sentence the merchant reads.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newShop, seedShop } from "../partner-api/seed";

const { default: db } = await import("~/db.server");
const partners = await import("~/partners/partners.server");
const { allocateCodes, topUpAllocation } = await import("~/partners/allocate.server");
const { runAllocationAction } = await import("~/partners/allocation-actions.server");
const { handOutAllocation } = await import("~/partners/hand-out.server");
const { importCampaignCodes } = await import("~/partners/import-codes.server");
const { mintMoreCodes } = await import("~/partners/mint-shortfall.server");
const { revokeAllocation, revokeFromAnomaly } = await import("~/anomalies/revoke.server");

type Failing = { ok: boolean; code?: string; message?: string };
type Cases<Code extends string> = Record<Code, () => Promise<Failing>>;

/** A shop with an active campaign of `codes` live codes and a partner. */
async function world(codes = 3) {
  const { shop, campaignId } = await seedShop(newShop("codes"), codes, randomTag());
  const partner = await partners.createPartner(shop, { name: "Acme", kind: "affiliate" } as never);
  if (!partner.ok) throw new Error(partner.message);
  return { shop, campaignId, partnerId: partner.id };
}

function randomTag() {
  return `F${randomBytes(2).toString("hex").toUpperCase()}`;
}

async function campaign(shop: string, data: Record<string, unknown> = {}) {
  const row = await db.campaign.create({
    data: {
      shop,
      name: `Campaign ${randomTag()}`,
      status: "active",
      rules: { version: 1 },
      codeFormat: { length: 10 },
      requestedCount: 0,
      startsAt: new Date("2026-01-01T00:00:00Z"),
      ...data,
    },
  });
  return row.id;
}

async function allocation(shop: string, campaignId: string, data: Record<string, unknown> = {}) {
  const row = await db.allocation.create({
    data: { shop, campaignId, channel: "Newsletter", label: "Newsletter", quantity: 0, ...data },
  });
  return row.id;
}

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

function csv(text: string) {
  return new Blob([text]).stream();
}

async function expectCode(code: string, run: () => Promise<Failing>) {
  const result = await run();
  expect(result).toMatchObject({ ok: false, code });
  expect(result.message).toMatch(/^\S.*\S$/);
}

describe("partners.server failures", () => {
  const cases: Cases<import("~/partners/partners.server").PartnerChangeCode> = {
    name_taken: async () => {
      const w = await world(0);
      return partners.createPartner(w.shop, { name: "Acme", kind: "crm" } as never);
    },
    not_found: async () => {
      const w = await world(0);
      return partners.updatePartner(w.shop, "nope", { name: "B", kind: "crm" } as never, "staff");
    },
    already_archived: async () => {
      const w = await world(0);
      await partners.archivePartner(w.shop, w.partnerId, "staff");
      return partners.archivePartner(w.shop, w.partnerId, "staff");
    },
    not_archived: async () => {
      const w = await world(0);
      return partners.restorePartner(w.shop, w.partnerId, "staff");
    },
  };
  it.each(Object.entries(cases))("%s", expectCode);

  it("says which name is taken, on update too", async () => {
    const w = await world(0);
    const other = await partners.createPartner(w.shop, { name: "Beta", kind: "crm" } as never);
    if (!other.ok) throw new Error(other.message);
    expect(
      await partners.updatePartner(w.shop, other.id, { name: "Acme", kind: "crm" } as never, "s"),
    ).toEqual({ ok: false, code: "name_taken", message: 'A partner named "Acme" already exists' });
  });
});

describe("allocate.server failures", () => {
  const byPartner = (shop: string, campaignId: string, partnerId: string, quantity = 1) =>
    allocateCodes(shop, { campaignId, target: { partnerId }, quantity }, "staff");
  const cases: Cases<import("~/partners/allocate.server").AllocateCode> = {
    campaign_not_found: async () => {
      const w = await world();
      return byPartner(w.shop, "nope", w.partnerId);
    },
    campaign_cancelled: async () => {
      const w = await world();
      return byPartner(w.shop, await campaign(w.shop, { status: "cancelled" }), w.partnerId);
    },
    campaign_published: async () => {
      const w = await world();
      const published = await campaign(w.shop, { distribution: "published" });
      return byPartner(w.shop, published, w.partnerId);
    },
    campaign_bound: async () => {
      const w = await world();
      return byPartner(
        w.shop,
        await campaign(w.shop, { bindingKey: "ab".repeat(16) }),
        w.partnerId,
      );
    },
    partner_not_found: async () => {
      const w = await world();
      return byPartner(w.shop, w.campaignId, "nope");
    },
    partner_archived: async () => {
      const w = await world();
      await partners.archivePartner(w.shop, w.partnerId, "staff");
      return byPartner(w.shop, w.campaignId, w.partnerId);
    },
    allocation_not_found: async () => {
      const w = await world();
      return topUpAllocation(w.shop, "nope", 1, "staff");
    },
    allocation_revoked: async () => {
      const w = await world();
      const revoked = await allocation(w.shop, w.campaignId, { revokedAt: new Date() });
      return topUpAllocation(w.shop, revoked, 1, "staff");
    },
    published_allocation: async () => {
      const w = await world();
      const id = await allocation(w.shop, w.campaignId, { channel: "published" });
      return topUpAllocation(w.shop, id, 1, "staff");
    },
    pool_short: async () => {
      const w = await world(3);
      return byPartner(w.shop, w.campaignId, w.partnerId, 5);
    },
  };
  it.each(Object.entries(cases))("%s", expectCode);

  it("a short pool offers to mint what is missing", async () => {
    const w = await world(3);
    expect(await byPartner(w.shop, w.campaignId, w.partnerId, 5)).toEqual({
      ok: false,
      code: "pool_short",
      message: "Only 3 codes are free; mint more or allocate fewer.",
      shortfall: { campaignId: w.campaignId, count: 2 },
    });
  });
});

describe("mint-shortfall.server failures", () => {
  const cases: Cases<import("~/partners/mint-shortfall.server").MintMoreCode> = {
    count_out_of_range: async () => {
      const w = await world(0);
      return mintMoreCodes(w.shop, w.campaignId, 0, "staff");
    },
    campaign_not_found: async () => {
      const w = await world(0);
      return mintMoreCodes(w.shop, "nope", 1, "staff");
    },
    campaign_bound: async () => {
      const w = await world(0);
      const bound = await campaign(w.shop, { bindingKey: "ab".repeat(16) });
      return mintMoreCodes(w.shop, bound, 1, "staff");
    },
    campaign_cancelled: async () => {
      const w = await world(0);
      return mintMoreCodes(w.shop, await campaign(w.shop, { status: "cancelled" }), 1, "staff");
    },
    campaign_busy: async () => {
      const w = await world(0);
      return mintMoreCodes(w.shop, await campaign(w.shop, { status: "pushing" }), 1, "staff");
    },
  };
  it.each(Object.entries(cases))("%s", expectCode);
});

describe("allocation-actions.server failures (the form's own; the rest come from the modules above)", () => {
  type Own = Exclude<
    import("~/partners/allocation-actions.server").AllocationActionCode,
    | import("~/partners/allocate.server").AllocateCode
    | import("~/partners/mint-shortfall.server").MintMoreCode
  >;
  const cases: Cases<Own> = {
    invalid_input: async () => {
      const w = await world();
      return runAllocationAction(w.shop, "staff", form({ intent: "allocate", quantity: "many" }));
    },
    already_revoked: async () => {
      const w = await world();
      const id = await allocation(w.shop, w.campaignId, { revokedAt: new Date() });
      return runAllocationAction(w.shop, "staff", form({ intent: "revoke", allocationId: id }));
    },
    unknown_action: async () => {
      const w = await world();
      return runAllocationAction(w.shop, "staff", form({ intent: "dance" }));
    },
  };
  it.each(Object.entries(cases))("%s", expectCode);

  it("passes a module's code through with the form's sentence", async () => {
    const w = await world();
    const answer = await runAllocationAction(
      w.shop,
      "staff",
      form({ intent: "revoke", allocationId: "nope" }),
    );
    expect(answer).toEqual({
      ok: false,
      code: "allocation_not_found",
      message: "This shop has no such allocation.",
    });
    const mint = await runAllocationAction(
      w.shop,
      "staff",
      form({ intent: "mint-shortfall", campaignId: w.campaignId, count: "0" }),
    );
    expect(mint).toMatchObject({ ok: false, code: "count_out_of_range" });
  });
});

describe("hand-out.server failures", () => {
  const cases: Cases<import("~/partners/hand-out.server").HandOutCode> = {
    allocation_not_found: async () => {
      const w = await world();
      return handOutAllocation(w.shop, "nope", "staff");
    },
    allocation_revoked: async () => {
      const w = await world();
      const id = await allocation(w.shop, w.campaignId, { revokedAt: new Date() });
      return handOutAllocation(w.shop, id, "staff");
    },
  };
  it.each(Object.entries(cases))("%s", expectCode);

  it("carries the HTTP status the download answers with", async () => {
    const w = await world();
    expect(await handOutAllocation(w.shop, "nope", "staff")).toMatchObject({ status: 404 });
    const id = await allocation(w.shop, w.campaignId, { revokedAt: new Date() });
    expect(await handOutAllocation(w.shop, id, "staff")).toMatchObject({ status: 409 });
  });
});

describe("import-codes.server failures", () => {
  const paused = async (shop: string, data: Record<string, unknown> = {}) =>
    campaign(shop, { pushPaused: true, ...data });
  const cases: Cases<import("~/partners/import-codes.server").ImportCode> = {
    campaign_not_found: async () => {
      const w = await world(0);
      return importCampaignCodes(w.shop, "nope", csv("A1\n"), "staff");
    },
    campaign_bound: async () => {
      const w = await world(0);
      const bound = await paused(w.shop, { bindingKey: "ab".repeat(16) });
      return importCampaignCodes(w.shop, bound, csv("A1\n"), "staff");
    },
    campaign_cancelled: async () => {
      const w = await world(0);
      const cancelled = await paused(w.shop, { status: "cancelled" });
      return importCampaignCodes(w.shop, cancelled, csv("A1\n"), "staff");
    },
    campaign_minting: async () => {
      const w = await world(0);
      const minting = await paused(w.shop, { status: "minting" });
      return importCampaignCodes(w.shop, minting, csv("A1\n"), "staff");
    },
    rows_refused: async () => {
      const w = await world(0);
      return importCampaignCodes(w.shop, await paused(w.shop), csv("A%\n"), "staff");
    },
    codes_taken: async () => {
      const w = await world(0);
      const id = await paused(w.shop);
      const first = await importCampaignCodes(w.shop, id, csv("TAKEN1\n"), "staff");
      expect(first.ok).toBe(true);
      return importCampaignCodes(w.shop, id, csv("taken1\n"), "staff");
    },
  };
  it.each(Object.entries(cases))("%s", expectCode);
});

describe("revoke.server failures", () => {
  const anomaly = (shop: string, campaignId: string) =>
    db.anomaly.create({
      data: { shop, campaignId, kind: "redemption_spike", details: {} },
      select: { id: true },
    });
  const cases: Cases<import("~/anomalies/revoke.server").RevokeCode> = {
    allocation_not_found: async () => {
      const w = await world();
      return revokeAllocation(w.shop, "nope", "staff");
    },
    anomaly_not_found: async () => {
      const w = await world();
      return revokeFromAnomaly(w.shop, "nope", "staff");
    },
    never_allocated: async () => {
      const w = await world();
      const found = await anomaly(w.shop, w.campaignId);
      return revokeFromAnomaly(w.shop, found.id, "staff");
    },
  };
  it.each(Object.entries(cases))("%s", expectCode);
});
