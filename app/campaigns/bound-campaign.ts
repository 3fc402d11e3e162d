// What makes a campaign customer-bound, and the form fields naming its customers. Dependency-free:
// the browser imports it, and must not get the CSV parser.

/** Bound when it has a binding key, whose one home is the `bindingKey` column (decision 009). */
export function isBound(campaign: { bindingKey: string | null }): boolean {
  return campaign.bindingKey !== null;
}

export const CUSTOMER_IDS_FIELD = "customerIds";
export const CUSTOMER_FILE_FIELD = "customersFile";

/** Most customers one list may name: their codes are issued in one transaction. */
export const MAX_CUSTOMERS = 100_000;
