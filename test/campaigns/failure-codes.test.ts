// Every failure code of the campaign service and the campaign page's actions, each produced by a
// real input against the real database (SQLite, or PostgreSQL when DATABASE_URL names one).
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { resolveDatabaseTarget } from "~/db/database-url";
import type { RandomSource } from "~/codes/generator";
import { runCampaignAction, type CampaignActionCode } from "~/campaigns/campaign-actions.server";
import {
  createCampaign,
  issueCodesToCustomers,
  submitNewCampaign,
  type CreateCampaignCode,
  type IssueCodesCode,
  type NewCampaignCode,
} from "~/campaigns/campaigns.server";
import { newBindingKey } from "~/campaigns/bound-codes.server";
import type { NewCampaign } from "~/campaigns/campaign-form";
import { readCustomerUpload, type CustomerUploadCode } from "~/campaigns/customer-list-form.server";

const shop = `codes-${randomBytes(4).toString("hex")}.myshopify.com`;
afterAll(async () => {
  await db.code.deleteMany({ where: { shop } });
  await db.campaign.deleteMany({ where: { shop } });
  await db.shop.deleteMany({ where: { domain: shop } });
});

const RULES = { v: 1, reward: { kind: "amount", target: "order", value: { percent: 15 } } };
// Every random byte zero: each draw for a customer is the same code.
const zeros: RandomSource = (target) => target.fill(0);

function boundForm(fields: Record<string, string>): FormData {
  const form = new FormData();
  const all = {
    name: "VIP",
    startsAt: "2026-01-01T00:00",
    audience: "customers",
    formatMode: "length",
    length: "6",
    rules: JSON.stringify(RULES),
    customerIds: "101",
    ...fields,
  };
  for (const [key, value] of Object.entries(all)) form.set(key, value);
  return form;
}

async function boundCampaign(
  data: { status?: "pushing" | "minting" | "cancelled" | "active"; codeFormat?: object } = {},
) {
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
  return db.campaign.create({
    data: {
      shop,
      name: "Bound",
      rules: { ...RULES, campaignId: "x", boundKey: null },
      codeFormat: data.codeFormat ?? { length: 6 },
      requestedCount: 0,
      startsAt: new Date(),
      status: data.status ?? "active",
      bindingKey: newBindingKey(),
    },
  });
}

function newBound(key: string): NewCampaign {
  return {
    id: randomUUID(),
    name: "Bound",
    startsAt: new Date(),
    endsAt: null,
    count: 1,
    audience: "customers",
    format: { length: 6 },
    rulesJson: JSON.stringify({ ...RULES, campaignId: "x", boundKey: null }),
    bindingKey: key,
    oddsInWords: "1 in a lot",
  };
}

const customers = (...ids: string[]) => ids.map((id, i) => ({ id, line: i + 1 }));

describe(`campaign failure codes on ${resolveDatabaseTarget().provider}`, () => {
  const submissions: [NewCampaignCode, () => FormData][] = [
    ["invalid_form", () => boundForm({ name: "" })],
  ];
  it.each(submissions)("the create form's submission answers %s", async (code, form) => {
    const result = await submitNewCampaign(shop, form(), "staff");
    expect(result).toMatchObject({ ok: false, code, message: expect.stringMatching(/^\S.*\.$/) });
  });

  it("answers invalid_form for a customer list that cannot be read, with its problems", async () => {
    const result = await submitNewCampaign(shop, boundForm({ customerIds: "nobody" }), "staff");
    expect(result).toMatchObject({
      ok: false,
      code: "invalid_form",
      customerProblems: [{ line: 1, message: expect.stringMatching(/"nobody"/) }],
    });
  });

  const creations: [CreateCampaignCode, () => Promise<{ id: string; result: unknown }>][] = [
    [
      "format_exhausted",
      async () => {
        // A customer's only code under this key and random source is already taken.
        const key = newBindingKey();
        const first = await createCampaign(shop, newBound(key), "staff", {
          customers: customers("201"),
          random: zeros,
        });
        expect(first.ok).toBe(true);
        const again = newBound(key);
        const result = await createCampaign(shop, again, "staff", {
          customers: customers("201"),
          random: zeros,
        });
        return { id: again.id, result };
      },
    ],
  ];
  it.each(creations)("creating a campaign answers %s, leaving no campaign", async (code, run) => {
    const { id, result } = await run();
    expect(result).toMatchObject({ ok: false, code, message: expect.stringMatching(/\.$/) });
    expect(await db.campaign.findUnique({ where: { id } })).toBeNull();
  });

  const issues: [IssueCodesCode, () => Promise<unknown>][] = [
    ["not_found", () => issueCodesToCustomers(shop, "no-such-campaign", customers("1"), "staff")],
    [
      "not_bound",
      async () => {
        const campaign = await boundCampaign();
        await db.campaign.update({ where: { id: campaign.id }, data: { bindingKey: null } });
        return issueCodesToCustomers(shop, campaign.id, customers("1"), "staff");
      },
    ],
    [
      "cancelled",
      async () => {
        const campaign = await boundCampaign({ status: "cancelled" });
        return issueCodesToCustomers(shop, campaign.id, customers("1"), "staff");
      },
    ],
    [
      "still_minting",
      async () => {
        const campaign = await boundCampaign({ status: "minting" });
        return issueCodesToCustomers(shop, campaign.id, customers("1"), "staff");
      },
    ],
    [
      "format_unreadable",
      async () => {
        const campaign = await boundCampaign({ codeFormat: {} });
        return issueCodesToCustomers(shop, campaign.id, customers("1"), "staff");
      },
    ],
    [
      "bound_plan_refused",
      async () => {
        const campaign = await boundCampaign({ codeFormat: { length: 250 } });
        return issueCodesToCustomers(shop, campaign.id, customers("1"), "staff");
      },
    ],
    [
      "already_held",
      async () => {
        const campaign = await boundCampaign();
        await issueCodesToCustomers(shop, campaign.id, customers("301"), "staff");
        return issueCodesToCustomers(shop, campaign.id, customers("301"), "staff");
      },
    ],
    [
      "format_exhausted",
      async () => {
        // The customer's code is revoked, so they may get another: with the same random source,
        // every draw is that code again.
        const campaign = await boundCampaign();
        await issueCodesToCustomers(shop, campaign.id, customers("401"), "staff", zeros);
        await db.code.updateMany({
          where: { campaignId: campaign.id },
          data: { status: "revoked" },
        });
        return issueCodesToCustomers(shop, campaign.id, customers("401"), "staff", zeros);
      },
    ],
  ];
  it.each(issues)("issuing codes to customers answers %s", async (code, run) => {
    expect(await run()).toMatchObject({
      ok: false,
      code,
      message: expect.stringMatching(/^\S.*\.$/),
      problems: expect.any(Array),
    });
  });

  const uploads: [CustomerUploadCode, () => Promise<Request>][] = [
    [
      "form_too_large",
      () => {
        const form = new FormData();
        form.set("customerIds", "7012345678901\n".repeat(700_000));
        return posted(form);
      },
    ],
  ];
  it.each(uploads)("reading a customer upload answers %s", async (code, request) => {
    expect(await readCustomerUpload(await request())).toMatchObject({
      ok: false,
      code,
      message: expect.stringMatching(/^\S.*\.$/),
    });
  });

  const actions: [CampaignActionCode, () => Promise<{ campaignId: string; form: FormData }>][] = [
    ["not_found", async () => ({ campaignId: "no-such-campaign", form: intent("pause") })],
    [
      "invalid_customers",
      async () => {
        const form = intent("issue-codes");
        form.set("customerIds", "nobody");
        return { campaignId: (await boundCampaign()).id, form };
      },
    ],
    [
      "alert_closed",
      async () => {
        const form = intent("dismiss-anomaly");
        form.set("anomalyId", "no-such-anomaly");
        return { campaignId: (await boundCampaign()).id, form };
      },
    ],
    [
      "revoke_refused",
      async () => {
        const form = intent("revoke-anomaly");
        form.set("anomalyId", "no-such-anomaly");
        return { campaignId: (await boundCampaign()).id, form };
      },
    ],
    ["unknown_action", async () => ({ campaignId: "any", form: intent("explode") })],
  ];
  it.each(actions)("a campaign page action answers %s", async (code, build) => {
    const { campaignId, form } = await build();
    expect(await runCampaignAction(shop, campaignId, "staff", form)).toMatchObject({
      ok: false,
      code,
      message: expect.stringMatching(/^\S.*\.?$/),
    });
  });
});

/** The form as a browser posts it: multipart, arriving 64 KB at a time. */
async function posted(form: FormData): Promise<Request> {
  const encoded = new Response(form);
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  let sent = 0;
  return new Request("https://onecode.example/app/campaigns/new", {
    method: "POST",
    headers: { "Content-Type": encoded.headers.get("content-type") ?? "" },
    body: new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(sent, (sent += 64 * 1024)));
      },
    }),
    duplex: "half",
  } as RequestInit);
}

function intent(name: string): FormData {
  const form = new FormData();
  form.set("intent", name);
  return form;
}
