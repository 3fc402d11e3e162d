// Every failure code of the push's controls, each from a real campaign in the real database.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { resolveDatabaseTarget } from "~/db/database-url";
import {
  cancelPush,
  pausePush,
  requestCodeRemoval,
  resumePush,
  startPush,
  type ControlCode,
} from "~/push/control.server";

const shop = `control-${randomBytes(4).toString("hex")}.myshopify.com`;
afterAll(async () => {
  await db.campaign.deleteMany({ where: { shop } });
  await db.shop.deleteMany({ where: { domain: shop } });
});

async function campaignIn(status: "pushing" | "cancelled" | "active") {
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
  const campaign = await db.campaign.create({
    data: {
      shop,
      name: "C",
      rules: {},
      codeFormat: { length: 10 },
      requestedCount: 0,
      startsAt: new Date(),
      status,
    },
  });
  return campaign.id;
}

describe(`push control failure codes on ${resolveDatabaseTarget().provider}`, () => {
  const starts: [ControlCode, () => Promise<string>][] = [
    ["not_found", async () => "no-such-campaign"],
    ["push_cancelled", () => campaignIn("cancelled")],
    ["nothing_to_push", () => campaignIn("active")],
  ];
  it.each(starts)("startPush answers %s", async (code, campaign) => {
    expect(await startPush(shop, await campaign())).toMatchObject({
      ok: false,
      code,
      message: expect.stringMatching(/^\S.*\.$/),
    });
  });

  it.each([
    ["pausePush", pausePush],
    ["resumePush", resumePush],
    ["cancelPush", cancelPush],
    ["requestCodeRemoval", requestCodeRemoval],
  ] as const)("%s answers not_found for a campaign of another store", async (_, control) => {
    const id = await campaignIn("pushing");
    expect(await control("other.myshopify.com", id)).toEqual({
      ok: false,
      code: "not_found",
      message: "This campaign does not exist in this store.",
    });
  });
});
