// The campaign page's code import refuses a missing or oversized file at its route, through the
// real admin authentication, before reading any of it.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adminRequest,
  formOf,
  storeAdminSession,
  useTestAppCredentials,
} from "../support/admin-routes";

useTestAppCredentials();
const importRoute = await import("~/routes/app.campaigns.$id.import");
const { MAX_IMPORT_BYTES } = await import("~/partners/import-codes.server");
const { CODES_FILE_FIELD } = await import("~/partners/import-fields");

const shop = `import-route-${randomBytes(4).toString("hex")}.myshopify.com`;

beforeAll(() => storeAdminSession(shop));

async function importing(file: Blob | null) {
  const body = formOf(file ? { [CODES_FILE_FIELD]: file } : {});
  const request = await adminRequest(shop, "/app/campaigns/any/import", { method: "POST", body });
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
