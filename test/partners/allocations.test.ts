// Partners and allocations in the admin, at the level the merchant meets them: the route modules'
// loaders and actions behind real authentication, on codes the app itself minted and pushed into
// the emulator's Shopify.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  codeSets,
  FAST_WORKER,
  installShop,
  startPushEmulator,
  waitFor,
  type PushEmulator,
} from "../push/harness";
import { adminRequest, call, formOf, newCampaignFields } from "../support/admin-routes";

const harness: PushEmulator = await startPushEmulator();
const { default: db } = await import("~/db.server");
const { PushWorker } = await import("~/push/worker.server");
const { pushProgress } = await import("~/push/progress.server");
const newCampaignRoute = await import("~/routes/app.campaigns.new");
const partnersRoute = await import("~/routes/app.partners._index");
const partnerRoute = await import("~/routes/app.partners.$id");
const allocationsRoute = await import("~/routes/app.allocations");
const downloadRoute = await import("~/routes/app.allocations.$id.codes");
const importRoute = await import("~/routes/app.campaigns.$id.import");
const campaignRoute = await import("~/routes/app.campaigns.$id");

let worker: { stop(): Promise<void> } | null = null;
let shop = "";
let otherShop = "";

beforeAll(async () => {
  shop = await installShop(harness.emulator, "alloc");
  otherShop = await installShop(harness.emulator, "alloc-other");
  worker = new PushWorker({ ...FAST_WORKER, onlyShops: [shop, otherShop] }).start();
});
afterAll(async () => {
  await worker?.stop();
  await harness.emulator.close();
});

async function post<T>(
  route: { action: (...args: never[]) => Promise<unknown> },
  path: string,
  fields: Record<string, string | Blob>,
  params: Record<string, string> = {},
  as = shop,
) {
  const request = await adminRequest(as, path, { method: "POST", body: formOf(fields) });
  return call<T>(route.action as never, request, params);
}

async function live(campaignId: string) {
  await waitFor(
    async () =>
      (await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === "active",
    () => pushProgress(shop, campaignId),
    30_000,
  );
}

/** A campaign created through the create form, pushed until its codes are live. */
async function liveCampaign(name: string, count: number, extra: Record<string, string> = {}) {
  const answer = await post(newCampaignRoute, "/app/campaigns/new", {
    ...newCampaignFields(name, count),
    ...extra,
  });
  expect(answer).toBeInstanceOf(Response);
  const id = (answer as Response).headers.get("location")!.split("/").pop()!;
  await live(id);
  return id;
}

async function addPartner(name: string, as = shop) {
  await post(partnersRoute, "/app/partners", { name, kind: "affiliate", email: "" }, {}, as);
  return db.partner.findFirstOrThrow({ where: { shop: as, name } });
}

type Result = {
  ok: boolean;
  message: string;
  shortfall?: { campaignId: string; count: number };
  errors?: Record<string, string>;
};

const allocate = (campaignId: string, to: string, quantity: number, channel = "", as = shop) =>
  post<Result>(
    allocationsRoute,
    "/app/allocations",
    { intent: "allocate", campaignId, to, channel, quantity: String(quantity) },
    {},
    as,
  ) as Promise<Result>;

async function download(allocationId: string, as = shop): Promise<Response> {
  const request = await adminRequest(as, `/app/allocations/${allocationId}/codes`);
  return (await call(downloadRoute.loader as never, request, { id: allocationId })) as Response;
}

describe("allocating a campaign's codes", () => {
  it("gives N live codes to a partner in one go, and refuses in words when the pool is short, offering to mint the rest", async () => {
    const campaignId = await liveCampaign("Allocate", 30);
    const acme = await addPartner("Acme affiliates");

    const first = await allocate(campaignId, `partner:${acme.id}`, 20);
    expect(first).toMatchObject({ ok: true, message: "20 codes allocated to Acme affiliates." });
    const allocation = await db.allocation.findFirstOrThrow({
      where: { shop, campaignId, partnerId: acme.id },
    });
    expect(allocation).toMatchObject({ quantity: 20, label: "Acme affiliates", channel: null });
    expect(
      await db.code.count({ where: { allocationId: allocation.id, status: "allocated" } }),
    ).toBe(20);

    const short = await allocate(campaignId, "channel", 25, "Customer service");
    expect(short).toEqual({
      ok: false,
      code: "pool_short",
      message: "Only 10 codes are free; mint more or allocate fewer.",
      shortfall: { campaignId, count: 15 },
    });
    // Nothing half-done: no allocation row, no code moved.
    expect(await db.allocation.count({ where: { shop, campaignId } })).toBe(1);
    expect(await db.code.count({ where: { campaignId, status: "available" } })).toBe(10);

    const minted = await post<Result>(allocationsRoute, "/app/allocations", {
      intent: "mint-shortfall",
      campaignId,
      count: "15",
    });
    expect(minted).toMatchObject({ ok: true });
    await live(campaignId);
    const sets = await codeSets(harness.emulator, shop, campaignId);
    expect(sets.database).toHaveLength(45);
    expect(sets.shopify).toEqual(sets.database);

    const channel = await allocate(campaignId, "channel", 25, "Customer service");
    expect(channel).toMatchObject({ ok: true });
    expect(
      await db.allocation.findFirstOrThrow({ where: { shop, campaignId, channel: { not: null } } }),
    ).toMatchObject({ channel: "Customer service", label: "Customer service", partnerId: null });

    // The campaign page lists both, with their counts.
    const page = (await call(
      campaignRoute.loader as never,
      await adminRequest(shop, `/app/campaigns/${campaignId}`),
      { id: campaignId },
    )) as { allocation: { allocations: { label: string; counts: object }[] } };
    expect(
      page.allocation.allocations
        .map((a) => [a.label, a.counts])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ["Acme affiliates", { allocated: 20, handedOut: 0, redeemed: 0, revoked: 0 }],
      ["Customer service", { allocated: 25, handedOut: 0, redeemed: 0, revoked: 0 }],
    ]);
  });

  it("downloading an allocation's CSV hands its codes out, with the time and who downloaded", async () => {
    const campaignId = await liveCampaign("Download", 12);
    const partner = await addPartner("Downloader");
    await allocate(campaignId, `partner:${partner.id}`, 8);
    const allocation = await db.allocation.findFirstOrThrow({ where: { shop, campaignId } });

    const before = Date.now();
    const response = await download(allocation.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="Download-Downloader-codes.csv"',
    );
    const rows = parse(await response.text(), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["handed out"]));
    const codes = await db.code.findMany({ where: { allocationId: allocation.id } });
    expect(codes.map((c) => c.code).sort()).toEqual(rows.map((r) => r.code).sort());
    for (const code of codes) {
      expect(code.status).toBe("distributed");
      expect(code.distributedBy).toBe("staff");
      expect(code.distributedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    }
    expect(
      await db.auditLog.count({
        where: { shop, action: "allocation.downloaded", subjectId: allocation.id },
      }),
    ).toBe(1);
    // Codes the campaign never gave out stay free.
    expect(await db.code.count({ where: { campaignId, status: "available" } })).toBe(4);
  });

  it("tops an allocation up, then revokes it: its unredeemed codes are removed from Shopify and audited", async () => {
    const campaignId = await liveCampaign("Revoke", 10);
    const partner = await addPartner("Leaky");
    await allocate(campaignId, `partner:${partner.id}`, 4);
    const allocation = await db.allocation.findFirstOrThrow({ where: { shop, campaignId } });
    await download(allocation.id);

    const topUp = await post<Result>(allocationsRoute, "/app/allocations", {
      intent: "top-up",
      allocationId: allocation.id,
      quantity: "3",
    });
    expect(topUp).toMatchObject({ ok: true, message: "3 more codes allocated to Leaky." });
    expect((await db.allocation.findUniqueOrThrow({ where: { id: allocation.id } })).quantity).toBe(
      7,
    );
    const tooMany = await post<Result>(allocationsRoute, "/app/allocations", {
      intent: "top-up",
      allocationId: allocation.id,
      quantity: "4",
    });
    expect(tooMany).toMatchObject({
      ok: false,
      code: "pool_short",
      message: "Only 3 codes are free; mint more or allocate fewer.",
    });

    const revoked = await post<Result>(allocationsRoute, "/app/allocations", {
      intent: "revoke",
      allocationId: allocation.id,
    });
    expect(revoked).toEqual({
      ok: true,
      message: "7 unredeemed codes revoked; they are being removed from Shopify.",
    });
    expect(
      await db.auditLog.count({
        where: { shop, action: "allocation_revoked", subjectId: allocation.id },
      }),
    ).toBe(1);
    await waitFor(
      async () =>
        (await db.code.count({ where: { allocationId: allocation.id, pushState: "removed" } })) ===
        7,
      () => db.code.findMany({ where: { allocationId: allocation.id } }),
      30_000,
    );
    const sets = await codeSets(harness.emulator, shop, campaignId);
    expect(sets.shopify).toHaveLength(3);
    expect(sets.shopify).toEqual(sets.database);

    const again = await post<Result>(allocationsRoute, "/app/allocations", {
      intent: "revoke",
      allocationId: allocation.id,
    });
    expect(again).toEqual({
      ok: false,
      code: "already_revoked",
      message: "This allocation is already revoked.",
    });
    expect((await download(allocation.id)).status).toBe(409);
  });

  it("a form without a number, or for a channel without a name, is refused field by field", async () => {
    const campaignId = await liveCampaign("Form", 2);
    expect(await allocate(campaignId, "channel", 0, "Email")).toMatchObject({
      ok: false,
      code: "invalid_input",
      errors: { quantity: "Allocate at least 1 code" },
    });
    expect(await allocate(campaignId, "channel", 1, "")).toMatchObject({
      ok: false,
      code: "invalid_input",
      errors: { channel: "Name the channel" },
    });
  });
});

describe("the partner page", () => {
  it("shows the partner's allocations across campaigns, saves edits, and archiving revokes its API keys but leaves handed-out codes working", async () => {
    const spring = await liveCampaign("Spring", 5);
    const autumn = await liveCampaign("Autumn", 5);
    const partner = await addPartner("Influencer One");
    await allocate(spring, `partner:${partner.id}`, 2);
    await allocate(autumn, `partner:${partner.id}`, 3);
    const springAllocation = await db.allocation.findFirstOrThrow({
      where: { campaignId: spring },
    });
    await download(springAllocation.id);

    const path = `/app/partners/${partner.id}`;
    const loaded = (await call(partnerRoute.loader as never, await adminRequest(shop, path), {
      id: partner.id,
    })) as {
      partner: { name: string };
      allocations: { campaignName: string; counts: object }[];
      campaigns: { name: string }[];
    };
    expect(loaded.partner.name).toBe("Influencer One");
    expect(loaded.allocations.map((a) => [a.campaignName, a.counts]).sort()).toEqual([
      ["Autumn", { allocated: 3, handedOut: 0, redeemed: 0, revoked: 0 }],
      ["Spring", { allocated: 0, handedOut: 2, redeemed: 0, revoked: 0 }],
    ]);
    expect(loaded.campaigns.map((c) => c.name)).toEqual(expect.arrayContaining(["Spring"]));

    const saved = await post<Result>(
      partnerRoute,
      path,
      {
        intent: "save",
        name: "Influencer Uno",
        kind: "influencer",
        email: "uno@example.com",
        notes: "Pays 10% commission",
      },
      { id: partner.id },
    );
    expect(saved).toEqual({ ok: true, message: "Partner saved." });
    expect(await db.partner.findUniqueOrThrow({ where: { id: partner.id } })).toMatchObject({
      name: "Influencer Uno",
      kind: "influencer",
      email: "uno@example.com",
      notes: "Pays 10% commission",
    });

    // A key the partner API would have issued to this partner (its own routes create these).
    await db.apiKey.create({
      data: {
        shop,
        partnerId: partner.id,
        label: "Main",
        prefix: `oc_${partner.id.slice(-6)}`,
        secretHash: `hash-${partner.id}`,
      },
    });
    const archived = await post<Result>(
      partnerRoute,
      path,
      { intent: "archive" },
      { id: partner.id },
    );
    expect(archived).toEqual({ ok: true, message: "Partner archived. 1 API key revoked." });
    expect(await db.apiKey.count({ where: { partnerId: partner.id, revokedAt: null } })).toBe(0);
    // Handed-out codes keep working: still distributed and live in Shopify.
    expect(
      await db.code.count({
        where: { allocationId: springAllocation.id, status: "distributed", pushState: "live" },
      }),
    ).toBe(2);
    expect(await allocate(spring, `partner:${partner.id}`, 1)).toEqual({
      ok: false,
      code: "partner_archived",
      message: "Influencer Uno is archived: it takes no new codes.",
    });
    // Nor is it offered on the campaign page's allocate form, until it is restored.
    const offered = async () => {
      const page = (await call(
        campaignRoute.loader as never,
        await adminRequest(shop, `/app/campaigns/${spring}`),
        { id: spring },
      )) as { allocation: { partners: { id: string }[] } };
      return page.allocation.partners.some((p) => p.id === partner.id);
    };
    expect(await offered()).toBe(false);
    expect(
      await post<Result>(partnerRoute, path, { intent: "restore" }, { id: partner.id }),
    ).toEqual({ ok: true, message: "Partner restored. Its revoked API keys stay revoked." });
    expect(await offered()).toBe(true);
  });

  it("belongs to its shop only: another shop can neither see the partner nor use its campaign or allocations", async () => {
    const campaignId = await liveCampaign("Mine", 3);
    const partner = await addPartner("Private partner");
    await allocate(campaignId, `partner:${partner.id}`, 1);
    const allocation = await db.allocation.findFirstOrThrow({ where: { campaignId } });

    const seen = await call(
      partnerRoute.loader as never,
      await adminRequest(otherShop, `/app/partners/${partner.id}`),
      { id: partner.id },
    );
    expect((seen as Response).status).toBe(404);
    expect(await allocate(campaignId, "channel", 1, "Email", otherShop)).toEqual({
      ok: false,
      code: "campaign_not_found",
      message: "This store has no such campaign.",
    });
    expect((await download(allocation.id, otherShop)).status).toBe(404);
    expect(
      await db.code.count({ where: { allocationId: allocation.id, status: "allocated" } }),
    ).toBe(1);
  });
});

describe("importing the merchant's own codes", () => {
  const file = (text: string) => new File([text], "codes.csv", { type: "text/csv" });
  const importCsv = (campaignId: string, text: string) =>
    post<{ ok: boolean; message: string; problems: object[] }>(
      importRoute,
      `/app/campaigns/${campaignId}/import`,
      { codesFile: file(text) },
      { id: campaignId },
    );

  it("shows problems line by line and imports nothing, refuses codes the store already has, and pushes a clean file like minted codes", async () => {
    const campaignId = await liveCampaign("Import", 3);
    const existing = (await db.code.findFirstOrThrow({ where: { campaignId } })).code;

    const bad = await importCsv(campaignId, "code\nSUMMER-1\nSUM MER\nsummer-1\n");
    expect(bad).toMatchObject({
      ok: false,
      code: "rows_refused",
      message: "No codes were imported: correct 2 rows and upload the file again.",
      problems: [
        { line: 3, reason: "invalid_characters" },
        {
          line: 4,
          reason: "duplicate",
          message: "Same code as line 2 (codes are not case-sensitive).",
        },
      ],
    });
    const taken = await importCsv(campaignId, `code\nSUMMER-1\n${existing.toLowerCase()}\n`);
    expect(taken).toEqual({
      ok: false,
      code: "codes_taken",
      message:
        "No codes were imported: 1 code is already in this store (codes are unique across all campaigns, whatever their case).",
      problems: [
        {
          line: null,
          code: existing,
          reason: "duplicate",
          message: `${existing} is already a code of this store.`,
        },
      ],
    });
    expect(await db.code.count({ where: { campaignId, source: "imported" } })).toBe(0);

    const good = await importCsv(campaignId, "code\nSUMMER-1\nSUMMER-2\n-LEADING\n");
    expect(good).toMatchObject({
      ok: true,
      message: "3 codes imported; they are being pushed to Shopify.",
    });
    await live(campaignId);
    const imported = await db.code.findMany({ where: { campaignId, source: "imported" } });
    expect(imported.map((c) => [c.code, c.pushState]).sort()).toEqual([
      ["-LEADING", "live"],
      ["SUMMER-1", "live"],
      ["SUMMER-2", "live"],
    ]);
    const sets = await codeSets(harness.emulator, shop, campaignId);
    expect(sets.shopify).toEqual(sets.database);
    expect(sets.shopify).toHaveLength(6);
  });
});
