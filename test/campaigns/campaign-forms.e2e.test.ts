// The campaign forms and page over HTTP, as the admin's browser calls them: the production build
// against the emulator's Shopify (its Admin API validated against the real schema), through the
// real session-token authentication. Two app servers run on clocks other than their shops'.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import db from "../../app/db.server";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { createShop } from "../../emulator/store/shops";
import { sessionTokenFor } from "../../emulator/admin/embed-url";
import type { AppRegistration } from "../../emulator/store/types";
import { freePort, startApp, type RunningApp } from "../../emulator/app-process";
import { decode } from "turbo-stream";
import { DESKTOP_CHROME_UA } from "../support/browser";
import { demoRegistration } from "../support/embedded-app";

// Each server's process clock differs from its shop's: Tokyo serving Los Angeles, and back.
const LA_SHOP = "onecode-forms-la.myshopify.com";
const TOKYO_SHOP = "onecode-forms-tokyo.myshopify.com";

let emulator: RunningEmulator;
let registration: AppRegistration;
let tokyoServer: RunningApp;
let laServer: RunningApp;

beforeAll(async () => {
  const [tokyoPort, laPort] = [await freePort(), await freePort()];
  registration = demoRegistration(tokyoPort);
  emulator = await startEmulator({ port: 0, state: { apps: [registration] } });
  createShop(emulator.state, { domain: LA_SHOP, ianaTimezone: "America/Los_Angeles" });
  createShop(emulator.state, { domain: TOKYO_SHOP, ianaTimezone: "Asia/Tokyo" });
  const databaseUrl = inject("databaseUrl");
  [tokyoServer, laServer] = await Promise.all([
    startApp({
      port: tokyoPort,
      emulatorUrl: emulator.url,
      databaseUrl,
      env: { TZ: "Asia/Tokyo" },
    }),
    startApp({
      port: laPort,
      emulatorUrl: emulator.url,
      databaseUrl,
      env: { TZ: "America/Los_Angeles" },
    }),
  ]);
}, 120_000);

afterAll(async () => {
  await tokyoServer?.stop();
  await laServer?.stop();
  await emulator?.close();
});

/** A request from the embedded admin: App Bridge adds the session token to every fetch. */
async function call(
  server: RunningApp,
  shop: string,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const token = await sessionTokenFor(emulator.state, shop, registration);
  return fetch(`${server.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, "User-Agent": DESKTOP_CHROME_UA },
    redirect: "manual",
  });
}

/**
 * What Remix's single fetch gives the browser for `path`: a route's loader data (GET) or the
 * action's result (POST), as its `.data` endpoint streams them (turbo-stream).
 */
async function remixData(
  server: RunningApp,
  shop: string,
  path: string,
  route: string,
  init: RequestInit = {},
): Promise<{ status: number; value: Record<string | symbol, unknown> }> {
  const url = `${path}.data?_routes=${encodeURIComponent(route)}`;
  const response = await call(server, shop, url, init);
  expect(response.ok, server.output()).toBe(true);
  const decoded = await decode(response.body as ReadableStream<Uint8Array>);
  await decoded.done;
  return { status: response.status, value: decoded.value as Record<string | symbol, unknown> };
}

async function loaderData<T>(server: RunningApp, shop: string, path: string, route: string) {
  const { value } = await remixData(server, shop, path, route);
  return (value[route] as { data: T }).data;
}

async function newCampaignPage(server: RunningApp, shop: string) {
  return loaderData<{
    timeZone: string;
    timeZoneLabel: string;
    defaultStartsAt: string;
    liveCodes: { pattern: string; alphabet: string; live: number }[];
  }>(server, shop, "/app/campaigns/new", "routes/app.campaigns.new");
}

/** Submits the create form; answers the new campaign's id, or the errors the form shows. */
async function createCampaign(
  server: RunningApp,
  shop: string,
  fields: Record<string, string>,
): Promise<{ id: string } | { errors: Record<string, string> }> {
  const form = new FormData();
  const all: Record<string, string> = {
    name: "Campaign",
    startsAt: "2027-03-01T09:00",
    audience: "anyone",
    count: "100",
    formatMode: "length",
    length: "12",
    rules: JSON.stringify({
      v: 1,
      reward: { kind: "amount", target: "order", value: { percent: 10 } },
    }),
    ...fields,
  };
  for (const [key, value] of Object.entries(all)) form.set(key, value);
  const { value } = await remixData(
    server,
    shop,
    "/app/campaigns/new",
    "routes/app.campaigns.new",
    {
      method: "POST",
      body: form,
    },
  );
  // An action's redirect comes as the stream's whole value.
  if (typeof value.redirect === "string") return { id: value.redirect.split("/").pop() as string };
  return value.data as { errors: Record<string, string> };
}

async function campaignPage(server: RunningApp, shop: string, id: string) {
  return loaderData<{ campaign: Record<string, unknown> }>(
    server,
    shop,
    `/app/campaigns/${id}`,
    "routes/app.campaigns.$id",
  );
}

describe("campaign start and end, on the shop's clock", () => {
  it("reads a Los Angeles shop's times in Los Angeles on a server in Tokyo, and shows them back", async () => {
    const created = await createCampaign(tokyoServer, LA_SHOP, {
      name: "LA flash sale",
      startsAt: "2027-03-01T09:00",
      endsAt: "2027-07-01T09:00",
    });
    expect(created).toHaveProperty("id");
    const id = (created as { id: string }).id;
    const stored = await db.campaign.findUniqueOrThrow({ where: { id } });
    // 9 am Pacific: PST (UTC-8) in March, PDT (UTC-7) in July.
    expect(stored.startsAt.toISOString()).toBe("2027-03-01T17:00:00.000Z");
    expect(stored.endsAt?.toISOString()).toBe("2027-07-01T16:00:00.000Z");

    // The form names the zone it reads times in.
    const page = await newCampaignPage(tokyoServer, LA_SHOP);
    expect(page.timeZone).toBe("America/Los_Angeles");
    expect(page.timeZoneLabel).toMatch(/^America\/Los Angeles \(GMT-0[78]:00\)$/);

    const shown = await campaignPage(tokyoServer, LA_SHOP, id);
    expect(shown.campaign.startsAtText).toBe("Mar 1, 2027, 9:00 AM PST");
    expect(shown.campaign.endsAtText).toBe("Jul 1, 2027, 9:00 AM PDT");
  });

  it("reads a Tokyo shop's times in Tokyo on a server in Los Angeles", async () => {
    const page = await newCampaignPage(laServer, TOKYO_SHOP);
    expect(page.timeZone).toBe("Asia/Tokyo");
    expect(page.timeZoneLabel).toBe("Asia/Tokyo (GMT+09:00)");
    // The default start is now on the shop's clock.
    const tokyoNow = new Intl.DateTimeFormat("sv-SE", {
      timeZone: "Asia/Tokyo",
      dateStyle: "short",
      timeStyle: "short",
    })
      .format(new Date())
      .replace(" ", "T");
    expect(page.defaultStartsAt.slice(0, 13)).toBe(tokyoNow.slice(0, 13));

    const created = await createCampaign(laServer, TOKYO_SHOP, {
      name: "Tokyo flash sale",
      startsAt: "2027-03-01T09:00",
      endsAt: "2027-03-01T21:00",
    });
    const id = (created as { id: string }).id;
    const stored = await db.campaign.findUniqueOrThrow({ where: { id } });
    expect(stored.startsAt.toISOString()).toBe("2027-03-01T00:00:00.000Z");
    expect(stored.endsAt?.toISOString()).toBe("2027-03-01T12:00:00.000Z");
    const shown = await campaignPage(laServer, TOKYO_SHOP, id);
    expect(shown.campaign.startsAtText).toBe("Mar 1, 2027, 9:00 AM GMT+9");
  });
});

describe("guessing odds over the shop's live codes", () => {
  const SHOP = TOKYO_SHOP;
  const sixChars = { count: "800", length: "6", name: "Six" };

  it("refuses a campaign that would crowd the shop's live codes of the same format", async () => {
    // 31^6 = 887,503,681 codes: 800 alone are 1 in 1.1 million, 1,600 are 1 in 554,689.
    const first = await createCampaign(laServer, SHOP, { ...sixChars, name: "Six 1" });
    expect(first).toHaveProperty("id");

    for (let i = 2; i <= 10; i++) {
      const later = await createCampaign(laServer, SHOP, { ...sixChars, name: `Six ${i}` });
      expect(later).toHaveProperty("errors");
      const { errors } = later as { errors: Record<string, string> };
      expect(errors.format).toContain("1 in 554,689");
      expect(errors.format).toContain(
        "counting the store's 800 other live codes in the same code space",
      );
    }
    expect(await db.campaign.count({ where: { shop: SHOP, name: { startsWith: "Six" } } })).toBe(1);

    // The form gets the store's live codes by format, for the odds it shows as the merchant types.
    const page = await newCampaignPage(laServer, SHOP);
    expect(page.liveCodes).toContainEqual({
      pattern: "######",
      alphabet: "23456789ABCDEFGHJKMNPQRSTUVWXYZ",
      live: 800,
    });

    // The same six random characters after a prefix are another space: a guess at one is no
    // guess at the other.
    const prefixed = await createCampaign(laServer, SHOP, { ...sixChars, prefix: "VIP" });
    expect(prefixed).toHaveProperty("id");
  });

  it("names what is wrong in words, not in the validation library's", async () => {
    const refused = await createCampaign(laServer, SHOP, {
      name: "N".repeat(300),
      formatMode: "bogus",
    });
    expect(refused).toEqual({
      ok: false,
      code: "invalid_form",
      message: "Correct the fields marked in the form.",
      errors: {
        name: "Keep the name to 255 characters or fewer.",
        format: "Choose a format: random characters with a prefix and suffix, or a pattern.",
      },
      ruleErrors: [],
      customerProblems: [],
    });
  });
});
