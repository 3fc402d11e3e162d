// The customer's redeemed-campaigns metafield: a JSON array of campaign ids, oldest first, written
// after orders/paid and so eventually consistent (decision 029).

/** The most ids kept (140 of 64 characters fit in 10,000 bytes); when full the oldest goes. */
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
