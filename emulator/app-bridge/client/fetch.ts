import type { ParentChannel } from "./channel";
import type { BridgeConfig } from "./config";

// App Bridge's fetch: requests to the app's own origin (or its subdomains, or the appOrigins
// allow-list) carry `Authorization: Bearer <session token>`; a 401 asking for a retry
// (X-Shopify-Retry-Invalid-Session-Request: 1) is sent once more with a new token, and a
// reauthorize header sends the browser where the server says
// (https://shopify.dev/docs/api/app-home/apis/resource-fetching).

const RETRY_HEADER = "X-Shopify-Retry-Invalid-Session-Request";
const REAUTHORIZE_HEADER = "X-Shopify-API-Request-Failure-Reauthorize-Url";

export function interceptFetch(
  config: BridgeConfig,
  channel: ParentChannel,
  idToken: () => Promise<string>,
): void {
  if (config.disabledFeatures.includes("fetch")) return;
  const original = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (!allowed(new URL(request.url), config) || request.headers.has("Authorization")) {
      return original(request);
    }
    const spare = request.clone();
    let response = await original(await authorize(request, idToken));
    if (response.status === 401 && response.headers.get(RETRY_HEADER) === "1") {
      response = await original(await authorize(spare, idToken));
    }
    const reauthorize = response.headers.get(REAUTHORIZE_HEADER);
    if (reauthorize) follow(new URL(reauthorize, location.href), channel);
    return response;
  };
}

async function authorize(request: Request, idToken: () => Promise<string>): Promise<Request> {
  const headers = new Headers(request.headers);
  headers.set("Authorization", `Bearer ${await idToken()}`);
  return new Request(request, { headers });
}

function allowed(url: URL, config: BridgeConfig): boolean {
  if (url.origin === location.origin) return true;
  if (url.protocol === location.protocol && url.hostname.endsWith(`.${location.hostname}`))
    return true;
  return config.appOrigins.includes(url.origin);
}

function follow(url: URL, channel: ParentChannel): void {
  if (url.origin === location.origin) location.assign(url.href);
  else channel.send({ type: "redirect", url: url.href });
}
