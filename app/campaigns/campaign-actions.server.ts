// The campaign page's buttons, one intent each; every one is scoped by shop.
import { cancelPush, pausePush, requestCodeRemoval, resumePush } from "../push/control.server";
import type { FoundResult } from "../push/control.server";
import { dismissAnomaly } from "../anomalies/anomalies.server";
import { revokeFromAnomaly } from "../anomalies/revoke.server";
import { fail, ok, type Result } from "../result";
import type { CustomerListResult, CustomerProblem } from "./customer-list";
import { readCustomerList } from "./customer-list-form.server";
import { issueCodesToCustomers, type IssueCodesCode } from "./campaigns.server";

export type CampaignActionCode =
  IssueCodesCode | "invalid_customers" | "alert_closed" | "revoke_refused" | "unknown_action";

export type CampaignActionResult = Result<
  { message: string },
  CampaignActionCode,
  /** The customer list's, line by line (issuing codes to customers). */
  { problems?: CustomerProblem[] }
>;

/** `customerFile`: a customer file as read during the upload (readCustomerUpload). */
export async function runCampaignAction(
  shop: string,
  campaignId: string,
  actor: string,
  form: FormData,
  customerFile?: CustomerListResult | null,
): Promise<CampaignActionResult> {
  const intent = String(form.get("intent") ?? "");
  const anomalyId = String(form.get("anomalyId") ?? "");
  switch (intent) {
    case "pause":
      return said(await pausePush(shop, campaignId), "Pushing paused.");
    case "resume":
      return said(await resumePush(shop, campaignId), "Pushing resumed.");
    case "cancel":
      return said(await cancelPush(shop, campaignId), "Push cancelled.");
    case "remove-unused": {
      const result = await requestCodeRemoval(shop, campaignId);
      return result.ok
        ? ok({
            message: `${result.queued.toLocaleString("en")} unused codes will be removed from Shopify.`,
          })
        : result;
    }
    case "issue-codes": {
      const list = await readCustomerList(form, customerFile);
      if (!list.ok) {
        return fail("invalid_customers", "No codes were issued: correct the list of customers.", {
          problems: list.problems,
        });
      }
      return issueCodesToCustomers(shop, campaignId, list.customers, actor);
    }
    case "dismiss-anomaly":
      return (await dismissAnomaly(shop, anomalyId, actor))
        ? ok({ message: "Marked as reviewed." })
        : fail("alert_closed", "That alert is no longer open.");
    case "revoke-anomaly": {
      const result = await revokeFromAnomaly(shop, anomalyId, actor);
      return result.ok
        ? ok({ message: `${result.revoked.toLocaleString("en")} unredeemed codes revoked.` })
        : fail("revoke_refused", result.message);
    }
    default:
      return fail("unknown_action", "Unknown action.");
  }
}

function said(result: FoundResult, message: string): CampaignActionResult {
  return result.ok ? ok({ message }) : result;
}
