// Every way writeMarker fails, against the test database and an Admin API that answers as Shopify
// documents it (read the customer's metafield, then metafieldsSet).
import { describe, expect, it } from "vitest";
import { newShop } from "./seed";

const { default: db } = await import("~/db.server");
const { writeMarker } = await import("~/attribution/customer-marker.server");
type MarkerCode = import("~/attribution/customer-marker.server").MarkerCode;

interface Script {
  read?: unknown;
  write?: unknown;
}

const customer = { id: "gid://shopify/Customer/5", metafield: null };
const answered = { data: { metafieldsSet: { metafields: [{ id: "1" }], userErrors: [] } } };

/** An Admin client answering the marker's read with `read` and its write with `write`. */
function admin(script: Script) {
  return async () => async (query: string) =>
    Response.json(
      query.includes("metafieldsSet")
        ? (script.write ?? answered)
        : (script.read ?? { data: { customer } }),
    );
}

const userErrors = (code: string, message: string) => ({
  data: { metafieldsSet: { metafields: null, userErrors: [{ field: null, code, message }] } },
});

const rows: [MarkerCode, boolean, Script, string | RegExp][] = [
  ["not_installed", false, {}, "The app is not installed"],
  ["admin_api_error", true, { read: { errors: [{ message: "Throttled" }] } }, /Throttled/],
  ["no_customer", true, { read: { data: { customer: null } } }, "Shopify has no customer 5"],
  [
    "marker_refused",
    true,
    { write: userErrors("INVALID", "Value is invalid.") },
    "Value is invalid.",
  ],
  [
    "marker_kept_changing",
    true,
    { write: userErrors("STALE_OBJECT", "Stale.") },
    "The customer's metafield kept changing while we wrote it",
  ],
];

describe("writeMarker", () => {
  it("writes the marker and confirms it with an audit row", async () => {
    const shop = newShop("marker");
    await db.shop.create({ data: { domain: shop } });
    const target = { shop, customerId: "5", campaignId: "c1" };
    expect(await writeMarker(target, admin({}))).toEqual({ ok: true });
    expect(
      await db.auditLog.count({
        where: { shop, action: "customer_marker_written", subjectId: "5:c1" },
      }),
    ).toBe(1);
  });

  it.each(rows)("fails with %s", async (code, installed, script, message) => {
    const shop = newShop("marker");
    if (installed) await db.shop.create({ data: { domain: shop } });
    const result = await writeMarker({ shop, customerId: "5", campaignId: "c1" }, admin(script));
    expect(result).toMatchObject({ ok: false, code });
    if (result.ok) return;
    expect(result.message).toMatch(message);
    expect(await db.auditLog.count({ where: { shop } })).toBe(0);
  });

  it("lists every code", () => {
    const all: Record<MarkerCode, true> = {
      not_installed: true,
      admin_api_error: true,
      no_customer: true,
      marker_refused: true,
      marker_kept_changing: true,
    };
    expect(rows.map(([code]) => code).sort()).toEqual(Object.keys(all).sort());
  });
});
