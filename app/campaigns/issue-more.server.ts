// "Issue codes to customers" on a bound campaign's page: more customers, each given one code, all
// or nothing, then handed to the push (app/push/control.server.ts startPush).
import db from "../db.server";
import { parseFormat, type FormatInput } from "../codes/format";
import { startPush } from "../push/control.server";
import { checkBoundPlan } from "./bound-odds";
import type { CustomerEntry, CustomerProblem } from "./customer-list";
import {
  customersWithCodes,
  drawBoundCodes,
  FormatExhausted,
  insertBoundCodes,
} from "./issue-codes.server";

export type IssueResult =
  | { ok: true; issued: number; message: string }
  | { ok: false; message: string; problems: CustomerProblem[] };

const refused = (message: string, problems: CustomerProblem[] = []): IssueResult => ({
  ok: false,
  message,
  problems,
});

class AlreadyHeld extends Error {
  constructor(readonly problems: CustomerProblem[]) {
    super("Some customers already have a code");
  }
}

export async function issueMoreCodes(
  shop: string,
  campaignId: string,
  customers: readonly CustomerEntry[],
  actor: string,
): Promise<IssueResult> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, shop },
    select: { status: true, bindingKey: true, codeFormat: true, pushPaused: true },
  });
  if (!campaign) return refused("This campaign does not exist in this store.");
  const key = campaign.bindingKey;
  if (!key) {
    return refused(
      "This campaign's codes work for anyone who has them. To give codes to named customers, create a campaign for “Only the customer it is issued to”.",
    );
  }
  if (campaign.status === "cancelled") {
    return refused(`This campaign is ${campaign.status}: it takes no new codes.`);
  }
  if (campaign.status === "minting") {
    return refused("This campaign is still being set up. Try again in a moment.");
  }
  const format = parseFormat(campaign.codeFormat as FormatInput);
  if (!format.ok) return refused("This campaign's code format can no longer be read.");

  const live = await db.code.count({
    where: { campaignId, status: { not: "revoked" }, pushState: { notIn: ["removed", "failed"] } },
  });
  const plan = checkBoundPlan(campaign.codeFormat as FormatInput, live + customers.length);
  if (!plan.ok) return refused(plan.error);

  const customerIds = customers.map((c) => c.id);
  // Drawn before the transaction, which holds the write lock the webhooks need (issue-codes).
  const drawn = await drawBoundCodes({ key, format: format.format, customerIds });
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
        const held = await customersWithCodes(
          campaignId,
          customers.map((c) => c.id),
          tx,
        );
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
        await insertBoundCodes(
          tx,
          { shop, campaignId, key, format: format.format, customerIds },
          drawn,
        );
        await tx.auditLog.create({
          data: {
            shop,
            actor,
            action: "campaign.codes.issued",
            subjectType: "Campaign",
            subjectId: campaignId,
            details: { customers: customers.length },
          },
        });
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (error instanceof AlreadyHeld) {
      return refused("No codes were issued: each customer can hold one code.", error.problems);
    }
    if (error instanceof FormatExhausted) return refused(error.message);
    throw error;
  }

  const count = customers.length.toLocaleString("en-US");
  if (campaign.pushPaused) {
    return {
      ok: true,
      issued: customers.length,
      message: `${count} codes issued. Pushing is paused: they go to Shopify when you resume.`,
    };
  }
  const pushed = await startPush(shop, campaignId);
  return pushed.ok
    ? {
        ok: true,
        issued: customers.length,
        message: `${count} codes issued; they are being pushed to Shopify.`,
      }
    : { ok: true, issued: customers.length, message: `${count} codes issued. ${pushed.message}` };
}
