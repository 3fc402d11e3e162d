// The partner pages' own refusals through their route actions and the real admin authentication:
// each code with the sentence and the field errors the page shows.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adminRequest,
  formOf,
  storeAdminSession,
  useTestAppCredentials,
} from "../support/admin-routes";

useTestAppCredentials();
const { createPartner } = await import("~/partners/partners.server");
const listRoute = await import("~/routes/app.partners._index");
const partnerRoute = await import("~/routes/app.partners.$id");

const shop = `partner-routes-${randomBytes(4).toString("hex")}.myshopify.com`;

beforeAll(() => storeAdminSession(shop));

const post = (path: string, fields: Record<string, string>) =>
  adminRequest(shop, path, { method: "POST", body: formOf(fields) });

async function partner(name = `Partner ${randomBytes(3).toString("hex")}`) {
  const made = await createPartner(shop, { name, kind: "affiliate" } as never);
  if (!made.ok) throw new Error(made.message);
  return { id: made.id, name };
}

async function onPage(id: string, fields: Record<string, string>) {
  const request = await post(`/app/partners/${id}`, fields);
  return partnerRoute.action({ request, params: { id }, context: {} });
}

async function adding(fields: Record<string, string>) {
  const request = await post("/app/partners", fields);
  return listRoute.action({ request, params: {}, context: {} });
}

describe("adding a partner", () => {
  const cases: Record<
    import("~/routes/app.partners._index").AddPartnerCode,
    () => Promise<{ ok: boolean }>
  > = {
    invalid_input: () => adding({ name: "", kind: "affiliate", email: "" }),
    name_taken: async () => {
      const { name } = await partner();
      return adding({ name, kind: "affiliate", email: "" });
    },
  };
  it.each(Object.entries(cases))("%s: the name field says why", async (code, run) => {
    const answer = await run();
    expect(answer).toMatchObject({ ok: false, code, errors: { name: expect.any(String) } });
  });
});

describe("the partner page", () => {
  const cases: Record<
    import("~/routes/app.partners.$id").PartnerPageCode,
    () => Promise<{ ok: boolean }>
  > = {
    name_taken: async () => {
      const taken = await partner();
      const { id } = await partner();
      return onPage(id, { intent: "save", name: taken.name, kind: "affiliate", email: "" });
    },
    not_found: () => onPage("nope", { intent: "save", name: "Zed", kind: "crm", email: "" }),
    already_archived: async () => {
      const { id } = await partner();
      await onPage(id, { intent: "archive" });
      return onPage(id, { intent: "archive" });
    },
    not_archived: async () => onPage((await partner()).id, { intent: "restore" }),
    invalid_input: async () =>
      onPage((await partner()).id, { intent: "save", name: "", kind: "affiliate" }),
    unknown_action: async () => onPage((await partner()).id, { intent: "dance" }),
  };
  it.each(Object.entries(cases))("%s", async (code, run) => {
    const answer = (await run()) as { ok: boolean; message?: string };
    expect(answer).toMatchObject({ ok: false, code });
    expect(answer.message).toMatch(/^\S.*\S$/);
  });

  it("a refused save marks the name and says so in the banner", async () => {
    const taken = await partner();
    const { id } = await partner();
    expect(
      await onPage(id, { intent: "save", name: taken.name, kind: "affiliate", email: "" }),
    ).toEqual({
      ok: false,
      code: "name_taken",
      message: `A partner named "${taken.name}" already exists`,
      errors: { name: `A partner named "${taken.name}" already exists` },
    });
  });
});
