// The campaign service: every write to a campaign's row and its codes up to the push (creating
// either kind, minting, issuing codes to customers). What it computes lives in pure modules beside it.
import { randomUUID } from "node:crypto";
import type { RuleError } from "@onecode/checkout-rules/rules";
import db, { type Database } from "../db.server";
import { audit } from "../audit.server";
import { fail, ok, type Result } from "../result";
import { parseFormat, type FormatInput } from "../codes/format";
import type { RandomSource } from "../codes/generator";
import { mintCodes } from "../codes/mint.server";
import { shopLiveCodes } from "../codes/shop-codes.server";
import { beforeNextBulkWrite } from "../db/write-priority.server";
import { distributionOf, type Distribution } from "../partners/distribution";
import { startPush } from "../push/control.server";
import { isBound } from "./bound-campaign";
import {
  customersWithCodes,
  drawBoundCodes,
  FormatExhausted,
  insertBoundCodes,
  newBindingKey,
} from "./bound-codes.server";
import { checkBoundPlan } from "./bound-odds";
import {
  audienceOf,
  parseCampaignForm,
  type CampaignField,
  type CampaignFormCode,
  type NewCampaign,
} from "./campaign-form";
import type { CustomerEntry, CustomerListResult, CustomerProblem } from "./customer-list";
import { readCustomerList } from "./customer-list-form.server";

// A campaign left in "minting" without a heartbeat this long lost its minter (a crash or a
// restart); the next worker start takes it over.
const MINTING_STALE_MS = 2 * 60_000;

export async function listCampaigns(shop: string) {
  return db.campaign.findMany({
    where: { shop },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      status: true,
      requestedCount: true,
      startsAt: true,
      endsAt: true,
    },
  });
}

export type NewCampaignCode = CampaignFormCode | CreateCampaignCode;

export type NewCampaignSubmission = Result<
  { id: string },
  NewCampaignCode,
  {
    errors: Partial<Record<CampaignField, string>>;
    ruleErrors: RuleError[];
    /** The customer list's problems, line by line. */
    customerProblems: CustomerProblem[];
  }
>;

/**
 * The create form's submission, both kinds. `timeZone`: the shop's, or why Shopify did not give
 * it (the times are then refused, every other field still checked). `customerFile`: the customer
 * file as read during the upload (readCustomerUpload).
 */
export async function submitNewCampaign(
  shop: string,
  form: FormData,
  actor: string,
  timeZone: string | { problem: string } = "UTC",
  customerFile?: CustomerListResult | null,
): Promise<NewCampaignSubmission> {
  const id = randomUUID();
  const clock =
    typeof timeZone === "string"
      ? { timeZone }
      : { timeZone: null, timeZoneProblem: timeZone.problem };
  if (audienceOf(form) === "anyone") {
    const context = { ...clock, liveCodes: await shopLiveCodes(shop) };
    const result = parseCampaignForm(form, id, undefined, context);
    if (!result.ok) {
      return { ...result, customerProblems: [] };
    }
    await createCampaign(shop, result.campaign, actor, { distribution: distributionOf(form) });
    return ok({ id });
  }
  const list = await readCustomerList(form, customerFile);
  const result = parseCampaignForm(
    form,
    id,
    { key: newBindingKey(), customers: list.ok ? list.customers.length : null },
    { ...clock, liveCodes: [] },
  );
  const customerProblems = list.ok ? [] : list.problems;
  if (!result.ok) {
    return { ...result, customerProblems };
  }
  if (!list.ok) {
    return fail("invalid_form", "Correct the list of customers: see the problems below.", {
      errors: {},
      ruleErrors: [],
      customerProblems,
    });
  }
  const created = await createCampaign(shop, result.campaign, actor, { customers: list.customers });
  if (!created.ok) {
    return fail(created.code, created.message, {
      errors: { format: created.message },
      ruleErrors: [],
      customerProblems,
    });
  }
  return ok({ id });
}

export type CreateCampaignCode = "format_exhausted";

/** Who the codes are for: a pool minted for anyone, or one code issued to each customer. */
export type CampaignCodes =
  { distribution: Distribution } | { customers: readonly CustomerEntry[]; random?: RandomSource };

/**
 * The one creation path. A pool's codes are minted in the background (the page shows progress);
 * a bound campaign gets all its codes before this returns, or nothing at all.
 */
export async function createCampaign(
  shop: string,
  campaign: NewCampaign,
  actor: string,
  codes: CampaignCodes,
): Promise<Result<object, CreateCampaignCode>> {
  const distribution = "distribution" in codes ? codes.distribution : null;
  const format = parseFormat(campaign.format);
  // The key is explicit, and present exactly when the codes are bound (decision 009).
  const key = campaign.bindingKey;
  const forCustomers = "customers" in codes;
  const bound = forCustomers && key ? { ...codes, key } : null;
  if (!format.ok || forCustomers !== (key !== null)) {
    throw new Error("createCampaign needs a campaign checked by parseCampaignForm, of its kind.");
  }
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
  const issue = bound && {
    shop,
    campaignId: campaign.id,
    key: bound.key,
    format: format.format,
    customerIds: bound.customers.map((c) => c.id),
    random: bound.random,
  };
  // Drawn before any write: binding 100,000 codes takes seconds of CPU.
  const drawn = issue && (await drawBoundCodes(issue));
  // "minting" until every code is in: the push worker only takes "pushing" campaigns.
  const row = () =>
    db.campaign.create({
      data: {
        id: campaign.id,
        shop,
        name: campaign.name,
        status: "minting",
        rules: JSON.parse(campaign.rulesJson) as object,
        codeFormat: { ...campaign.format },
        requestedCount: bound ? bound.customers.length : campaign.count,
        startsAt: campaign.startsAt,
        endsAt: campaign.endsAt,
        bindingKey: key,
        ...(distribution ? { distribution } : {}),
      },
    });
  const created = () =>
    audit(db, {
      shop,
      actor,
      action: "campaign.created",
      subjectType: "Campaign",
      subjectId: campaign.id,
      details: bound
        ? {
            audience: "customers",
            customers: bound.customers.length,
            format: { ...campaign.format },
            odds: campaign.oddsInWords,
          }
        : {
            count: campaign.count,
            format: { ...campaign.format },
            odds: campaign.oddsInWords,
            distribution,
          },
    });
  if (!issue) {
    await db.$transaction([row(), created()]);
    // Minting a million codes takes seconds: the page shows its progress instead of waiting.
    void mintCampaignCodes(campaign.id);
    return ok();
  }
  await row();
  try {
    // A statement at a time, not one transaction: between statements the write lock is free.
    await insertBoundCodes(yieldingToWebhooks, issue, drawn ?? undefined);
  } catch (error) {
    // All or nothing: the merchant gets the form back with the reason, and no half campaign.
    await db.code.deleteMany({ where: { campaignId: campaign.id } });
    await db.campaign.delete({ where: { id: campaign.id } });
    if (error instanceof FormatExhausted) return fail("format_exhausted", error.message);
    throw error;
  }
  // Codes in: the push worker takes it from here, unless it was cancelled meanwhile.
  const [handedOver] = await db.$transaction([
    db.campaign.updateMany({
      where: { id: campaign.id, status: "minting" },
      data: { status: "pushing" },
    }),
    created(),
  ]);
  if (handedOver.count === 0) await dropCodesMintedAfterCancel(campaign.id);
  return ok();
}

// Each bulk insert waits for the webhook deliveries under way (db/write-priority.server.ts):
// SQLite answers synchronously, and statement after statement would otherwise starve requests.
const yieldingToWebhooks = {
  async $queryRawUnsafe(...args: Parameters<Database["$queryRawUnsafe"]>) {
    await beforeNextBulkWrite();
    return db.$queryRawUnsafe(...args);
  },
} as Pick<Database, "$queryRawUnsafe">;

/**
 * Tops a campaign up to its requested number of codes, then hands it to the push worker. Safe to
 * run again after a crash: it counts what is already minted.
 */
export async function mintCampaignCodes(campaignId: string): Promise<void> {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId } });
  if (!campaign || campaign.status !== "minting") return;
  // A bound campaign's codes went in with it: only the hand-over is left, once every customer
  // has a code. Fewer: its creation stopped half-way (the list is gone).
  if (isBound(campaign)) {
    const issued = await db.code.count({ where: { campaignId } });
    await db.campaign.updateMany({
      where: { id: campaignId, status: "minting" },
      data:
        issued >= campaign.requestedCount
          ? { status: "pushing", statusMessage: null }
          : {
              statusMessage: `Issuing stopped after ${issued.toLocaleString("en-US")} of ${campaign.requestedCount.toLocaleString("en-US")} customers. Cancel this campaign and create it again.`,
            },
    });
    return;
  }
  try {
    const format = parseFormat(campaign.codeFormat as Parameters<typeof parseFormat>[0]);
    if (!format.ok) throw new Error(format.errors.map((e) => e.message).join(" "));
    const existing = await db.code.count({ where: { campaignId, pushState: { not: "replaced" } } });
    const shortfall = campaign.requestedCount - existing;
    if (shortfall > 0) {
      await mintCodes({
        shop: campaign.shop,
        campaignId,
        format: format.format,
        count: shortfall,
        // The heartbeat; a campaign no longer "minting" was cancelled meanwhile: stop.
        onCommitted: async () => {
          const { count } = await db.campaign.updateMany({
            where: { id: campaignId, status: "minting" },
            data: { updatedAt: new Date() },
          });
          return count === 1;
        },
      });
    }
    const { count } = await db.campaign.updateMany({
      where: { id: campaignId, status: "minting" },
      data: { status: "pushing", statusMessage: null },
    });
    if (count === 0) await dropCodesMintedAfterCancel(campaignId);
  } catch (error) {
    const { count } = await db.campaign.updateMany({
      where: { id: campaignId, status: "minting" },
      data: { statusMessage: `Minting stopped: ${(error as Error).message}` },
    });
    if (count === 0) await dropCodesMintedAfterCancel(campaignId);
  }
}

/**
 * Cancelling removes the codes not yet sent (push/control.server.ts); codes a minter committed
 * after that were not there to be removed, so it removes them itself once it has stopped.
 */
async function dropCodesMintedAfterCancel(campaignId: string): Promise<void> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { status: true },
  });
  if (campaign?.status !== "cancelled") return;
  await db.code.updateMany({
    where: { campaignId, pushState: "pending" },
    data: { pushState: "removed" },
  });
}

/** Takes over campaigns whose minter died (no heartbeat for a while) and finishes them. */
export async function resumeStaleMinting(now = new Date()): Promise<number> {
  const stale = await db.campaign.findMany({
    where: { status: "minting", updatedAt: { lt: new Date(now.getTime() - MINTING_STALE_MS) } },
    select: { id: true, updatedAt: true },
  });
  let resumed = 0;
  for (const campaign of stale) {
    // Compare-and-set on the heartbeat: of several workers starting together, one wins.
    const claimed = await db.campaign.updateMany({
      where: { id: campaign.id, status: "minting", updatedAt: campaign.updatedAt },
      data: { updatedAt: now },
    });
    if (claimed.count === 1) {
      await mintCampaignCodes(campaign.id);
      resumed++;
    }
  }
  return resumed;
}

export type IssueCodesCode =
  | "not_found"
  | "not_bound"
  | "cancelled"
  | "still_minting"
  | "format_unreadable"
  | "bound_plan_refused"
  | "already_held"
  | "format_exhausted";

export type IssueCodesResult = Result<
  { issued: number; message: string },
  IssueCodesCode,
  { problems: CustomerProblem[] }
>;

const refused = (code: IssueCodesCode, message: string, problems: CustomerProblem[] = []) =>
  fail(code, message, { problems });

class AlreadyHeld extends Error {
  constructor(readonly problems: CustomerProblem[]) {
    super("Some customers already have a code");
  }
}

/**
 * "Issue codes to customers" on a bound campaign's page: one code each, all or nothing, then
 * handed to the push. `random`: the random parts' source (tests give a known one).
 */
export async function issueCodesToCustomers(
  shop: string,
  campaignId: string,
  customers: readonly CustomerEntry[],
  actor: string,
  random?: RandomSource,
): Promise<IssueCodesResult> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, shop },
    select: { status: true, bindingKey: true, codeFormat: true, pushPaused: true },
  });
  if (!campaign) return refused("not_found", "This campaign does not exist in this store.");
  const key = campaign.bindingKey;
  if (!key) {
    return refused(
      "not_bound",
      "This campaign's codes work for anyone who has them. To give codes to named customers, create a campaign for “Only the customer it is issued to”.",
    );
  }
  if (campaign.status === "cancelled") {
    return refused("cancelled", `This campaign is ${campaign.status}: it takes no new codes.`);
  }
  if (campaign.status === "minting") {
    return refused("still_minting", "This campaign is still being set up. Try again in a moment.");
  }
  const format = parseFormat(campaign.codeFormat as FormatInput);
  if (!format.ok) {
    return refused("format_unreadable", "This campaign's code format can no longer be read.");
  }

  const live = await db.code.count({
    where: { campaignId, status: { not: "revoked" }, pushState: { notIn: ["removed", "failed"] } },
  });
  const plan = checkBoundPlan(campaign.codeFormat as FormatInput, live + customers.length);
  if (!plan.ok) return refused("bound_plan_refused", plan.message);

  const customerIds = customers.map((c) => c.id);
  const input = { shop, campaignId, key, format: format.format, customerIds, random };
  // Drawn before the transaction, which holds the write lock the webhooks need.
  const drawn = await drawBoundCodes(input);
  try {
    await db.$transaction(
      async (tx) => {
        // Taking the campaign row first makes two issues for one campaign run one after the other,
        // so the check below sees the other's codes and no customer ends up with two.
        await tx.campaign.update({
          where: { id: campaignId },
          data: {
            requestedCount: { increment: customers.length },
            // An active campaign has pushed everything; it is pushing again until these are in.
            ...(campaign.status === "active" ? { status: "pushing" as const } : {}),
          },
        });
        const held = await customersWithCodes(campaignId, customerIds, tx);
        if (held.size > 0) {
          throw new AlreadyHeld(
            customers
              .filter((c) => held.has(c.id))
              .map((c) => ({
                line: c.line,
                message: `Customer ${c.id} already has a code in this campaign (${held.get(c.id)}).`,
              })),
          );
        }
        await insertBoundCodes(tx, input, drawn);
        await audit(tx, {
          shop,
          actor,
          action: "campaign.codes.issued",
          subjectType: "Campaign",
          subjectId: campaignId,
          details: { customers: customers.length },
        });
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (error instanceof AlreadyHeld) {
      return refused(
        "already_held",
        "No codes were issued: each customer can hold one code.",
        error.problems,
      );
    }
    if (error instanceof FormatExhausted) return refused("format_exhausted", error.message);
    throw error;
  }

  const issued = customers.length;
  const count = issued.toLocaleString("en-US");
  if (campaign.pushPaused) {
    return ok({
      issued,
      message: `${count} codes issued. Pushing is paused: they go to Shopify when you resume.`,
    });
  }
  const pushed = await startPush(shop, campaignId);
  return ok({
    issued,
    message: pushed.ok
      ? `${count} codes issued; they are being pushed to Shopify.`
      : `${count} codes issued. ${pushed.message}`,
  });
}
