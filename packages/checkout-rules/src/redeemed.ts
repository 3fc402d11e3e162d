// The value format of the customer's redeemed-campaigns metafield (REDEEMED_METAFIELD in
// ./rules.ts): a JSON array of campaign ids, oldest first. The app writes it after a redemption
// (orders/paid), the function reads it at checkout; being written after the order, it is
// eventually consistent (decision 029): two checkouts by one customer in the same
// moment can both pass, and Shopify's per-code usage limit is what still holds then.

/**
 * The most ids kept. Shopify gives a function no metafield over 10,000 bytes; 140 ids of the
 * longest allowed campaign id (64 characters, 67 bytes quoted with a comma) stay below it.
 * When full, the oldest id is dropped (an old, long-ended campaign is the one least likely to
 * matter).
 */
export const MAX_REDEEMED_CAMPAIGNS = 140;

/** Campaign ids in a metafield's `jsonValue`; anything malformed reads as none. */
export function redeemedCampaigns(jsonValue: unknown): string[] {
  if (!Array.isArray(jsonValue)) return [];
  return jsonValue.filter((id): id is string => typeof id === "string");
}

/** True when the customer's metafield already records the campaign. */
export function hasRedeemed(jsonValue: unknown, campaignId: string): boolean {
  return redeemedCampaigns(jsonValue).includes(campaignId);
}

/** The metafield value to write after the customer redeemed `campaignId` (idempotent). */
export function recordRedemption(jsonValue: unknown, campaignId: string): string {
  const ids = redeemedCampaigns(jsonValue).filter((id) => id !== campaignId);
  ids.push(campaignId);
  return JSON.stringify(ids.slice(-MAX_REDEEMED_CAMPAIGNS));
}
