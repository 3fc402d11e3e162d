import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../db.server";
import { parseFormat, matchesFormat, type CodeFormat } from "./format";
import { createCodeGenerator, type RandomSource } from "./generator";
import { insertCodes, mintCodes } from "./mint.server";

const shop = `mint-${randomBytes(4).toString("hex")}.myshopify.com`;
let campaignId = "";
let otherCampaignId = "";

function format(input: Parameters<typeof parseFormat>[0]): CodeFormat {
  const result = parseFormat(input);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.format;
}

// A deterministic byte stream, so two generators built from the same seed draw the same codes.
function seeded(seed: number): RandomSource {
  let state = seed;
  return (target) => {
    for (let i = 0; i < target.length; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      target[i] = state >>> 24;
    }
  };
}

async function campaign(name: string) {
  const row = await db.campaign.create({
    data: {
      shop,
      status: "minting",
      name,
      rules: { version: 1 },
      codeFormat: {},
      requestedCount: 0,
      startsAt: new Date(),
    },
  });
  return row.id;
}

beforeAll(async () => {
  await db.shop.create({ data: { domain: shop } });
  campaignId = await campaign("Mint");
  otherCampaignId = await campaign("Other");
});
afterAll(async () => {
  await db.shop.delete({ where: { domain: shop } });
});

describe("minting codes into the database", () => {
  it("stores exactly the number asked for, each of the format, none twice", async () => {
    const fmt = format({ pattern: "VIP-####-####" });
    const result = await mintCodes({ shop, campaignId, format: fmt, count: 4321, batchSize: 1000 });
    expect(result.minted).toBe(4321);
    const codes = await db.code.findMany({
      where: { campaignId },
      select: { code: true, status: true, pushState: true },
    });
    expect(codes).toHaveLength(4321);
    expect(codes.every((c) => matchesFormat(fmt, c.code))).toBe(true);
    expect(new Set(codes.map((c) => c.code.toUpperCase())).size).toBe(4321);
    expect(codes.every((c) => c.status === "available" && c.pushState === "pending")).toBe(true);
  });

  it("inserts a campaign's codes in key order across its transactions", async () => {
    const fmt = format({ pattern: "VIP-####-####" });
    const ordered = await campaign("Key order");
    // 5 transactions of 1,000; ranges of about 100 codes need two leading characters.
    await mintCodes({
      shop,
      campaignId: ordered,
      format: fmt,
      count: 5_000,
      batchSize: 100,
      perTransaction: 1_000,
    });
    const rows = await db.code.findMany({
      where: { campaignId: ordered },
      orderBy: { id: "asc" },
      select: { code: true },
    });
    expect(rows).toHaveLength(5_000);
    // In insertion order the ranges ("VIP-" and two characters) only ever move forward, so each
    // transaction wrote its own stretch of the unique index.
    const ranges = rows.map((row) => row.code.slice(0, 6));
    expect(ranges).toEqual([...ranges].sort());
    expect(new Set(ranges).size).toBeGreaterThan(500);
  });

  it("lets the process serve other work between its batches", async () => {
    const turns = await countEventLoopTurns(async () => {
      const served = await campaign("Served");
      await mintCodes({
        shop,
        campaignId: served,
        format: format({ length: 10 }),
        count: 20_000,
        batchSize: 1_000,
      });
    });
    // One turn at least after each of the 20 batches (SQLite answers synchronously, so nothing
    // else would run for the whole mint without them).
    expect(turns).toBeGreaterThanOrEqual(20);
  });

  it("redraws only the codes the shop already holds, in whatever case", async () => {
    const fmt = format({ length: 8 });
    const taken = createCodeGenerator(fmt, seeded(7)).take(50).slice(0, 20);
    await insertCodes(
      db,
      shop,
      otherCampaignId,
      taken.map((c) => c.toLowerCase()),
      "imported",
    );

    const fresh = await campaign("Collides");
    const result = await mintCodes({
      shop,
      campaignId: fresh,
      format: fmt,
      count: 50,
      random: seeded(7),
    });
    expect(result).toEqual({ minted: 50, collisions: 20, stopped: false });
    const minted = await db.code.findMany({ where: { campaignId: fresh }, select: { code: true } });
    expect(minted).toHaveLength(50);
    const takenSet = new Set(taken);
    expect(minted.filter((c) => takenSet.has(c.code))).toEqual([]);
  });

  it("stops with a clear error when the format runs out of codes", async () => {
    const tiny = format({ length: 3, alphabet: "AB" }); // 8 codes in all
    const exhausted = await campaign("Tiny");
    await expect(
      mintCodes({ shop, campaignId: exhausted, format: tiny, count: 9, batchSize: 4 }),
    ).rejects.toThrow(/run out of unused codes/);
    // The transaction that ran dry is rolled back: no half-minted batch is left behind.
    expect(await db.code.count({ where: { campaignId: exhausted } })).toBe(0);
  });
});

// How many times the event loop came round to its check phase while `work` ran.
async function countEventLoopTurns(work: () => Promise<void>): Promise<number> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    await work();
  } finally {
    running = false;
  }
  return turns;
}
