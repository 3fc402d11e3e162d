import type { ParentChannel } from "./channel";

/** shopify.idToken(): a fresh session token, minted by the admin around the app. */
export function idTokenApi(channel: ParentChannel): () => Promise<string> {
  return async () => {
    const answer = await channel.request(
      (requestId) => ({ type: "idToken", requestId }),
      "idToken.result",
    );
    if (!answer.token)
      throw new Error(`App Bridge: no session token (${answer.error ?? "unknown error"})`);
    return answer.token;
  };
}
