// The campaign page's buttons, one intent each; every one is scoped by shop.
import { cancelPush, pausePush, requestCodeRemoval, resumePush } from "../push/control.server";
import { dismissAnomaly } from "../anomalies/anomalies.server";
import { revokeFromAnomaly } from "../anomalies/revoke.server";
import type { CustomerListResult, CustomerProblem } from "./customer-list";
import { readCustomerFields } from "./customer-field.server";
import { issueMoreCodes } from "./issue-more.server";

export type CampaignActionResult =
  | { ok: true; message: string }
  /** `problems`: the customer list's, line by line (issuing codes to customers). */
  | { ok: false; message: string; problems?: CustomerProblem[] };

/** `customerFile`: a customer file as read during the upload (customer-list-upload.server.ts). */
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
        ? {
            ok: true,
            message: `${result.queued.toLocaleString("en")} unused codes will be removed from Shopify.`,
          }
        : result;
    }
    case "issue-codes": {
      const list = await readCustomerFields(form, customerFile);
      if (!list.ok) {
        return {
          ok: false,
          message: "No codes were issued: correct the list of customers.",
          problems: list.problems,
        };
      }
      return issueMoreCodes(shop, campaignId, list.customers, actor);
    }
    case "dismiss-anomaly":
      return (await dismissAnomaly(shop, anomalyId, actor))
        ? { ok: true, message: "Marked as reviewed." }
        : { ok: false, message: "That alert is no longer open." };
    case "revoke-anomaly": {
      const result = await revokeFromAnomaly(shop, anomalyId, actor);
      return result.ok
        ? { ok: true, message: `${result.revoked.toLocaleString("en")} unredeemed codes revoked.` }
        : { ok: false, message: result.message };
    }
    default:
      return { ok: false, message: "Unknown action." };
  }
}

function said(
  result: { ok: true } | { ok: false; message: string },
  message: string,
): CampaignActionResult {
  return result.ok ? { ok: true, message } : result;
}
