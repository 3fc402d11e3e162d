// The campaign page's code import refuses a missing or oversized file at its route, through the
// real admin authentication, before reading any of it.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  RequestType,
  setUpValidRequest,
  setUpValidSession,
} from "@shopify/shopify-api/test-helpers";

const apiKey = "test-api-key";
const apiSecretKey = "test-api-secret";
Object.assign(process.env, {
  SHOPIFY_API_KEY: apiKey,
  SHOPIFY_API_SECRET: apiSecretKey,
  SHOPIFY_APP_URL: "https://onecode.example",
  SCOPES: "write_discounts,read_orders,write_customers,read_products",
});

const { sessionStorage } = await import("~/shopify.server");
const importRoute = await import("~/routes/app.campaigns.$id.import");
const { MAX_IMPORT_BYTES } = await import("~/partners/import-codes.server");
const { CODES_FILE_FIELD } = await import("~/partners/import-fields");

const store = `import-route-${randomBytes(4).toString("hex")}`;
const shop = `${store}.myshopify.com`;

beforeAll(async () => {
  await sessionStorage.storeSession(
    setUpValidSession({ shop, expires: new Date(Date.now() + 24 * 3600 * 1000) }),
  );
});

async function importing(file: Blob | null) {
  const body = new FormData();
  if (file) body.set(CODES_FILE_FIELD, file, "codes.csv");
  const request = await setUpValidRequest(
    { type: RequestType.Admin, store, apiKey, apiSecretKey },
    new Request("https://onecode.example/app/campaigns/any/import", {
      method: "POST",
      headers: { "User-Agent": "Mozilla/5.0 Chrome/140" },
      body,
    }),
  );
  return importRoute.action({ request, params: { id: "any" }, context: {} });
}

type ImportRouteCode = "no_file" | "file_too_large";

describe("the import route's own refusals", () => {
  const cases: Record<ImportRouteCode, [() => Blob | null, string]> = {
    no_file: [() => null, "Choose a CSV file of codes to import."],
    file_too_large: [
      () => new Blob([new Uint8Array(MAX_IMPORT_BYTES + 1)], { type: "text/csv" }),
      "The file is larger than 64 MB; split it and import the codes in parts.",
    ],
  };
  it.each(Object.entries(cases))("answers %s", async (code, [file, message]) => {
    expect(await importing(file())).toEqual({ ok: false, code, message, problems: [] });
  });

  it("answers no_file for an empty file too", async () => {
    expect(await importing(new Blob([], { type: "text/csv" }))).toMatchObject({
      ok: false,
      code: "no_file",
    });
  });
});
