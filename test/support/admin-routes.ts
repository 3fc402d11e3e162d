// Calls the admin's route modules the way Remix does, through the real authentication of
// @shopify/shopify-app-remix: a session token signed with the app's secret (the emulator's app,
// see test/push/harness.ts, or useTestAppCredentials), the shop's offline session in our session
// storage, no mocks.
import {
  RequestType,
  setUpValidRequest,
  setUpValidSession,
} from "@shopify/shopify-api/test-helpers";

/**
 * For tests without the emulator: the app's credentials, set before anything imports
 * ~/shopify.server (call it at the top of the test file, before its dynamic imports).
 */
export function useTestAppCredentials(): void {
  Object.assign(process.env, {
    SHOPIFY_API_KEY: "test-api-key",
    SHOPIFY_API_SECRET: "test-api-secret",
    SHOPIFY_APP_URL: "https://onecode.example",
    SCOPES: "write_discounts,read_orders,write_customers,read_products",
  });
}

/** The shop's offline session in our session storage, as an install leaves it. */
export async function storeAdminSession(shop: string): Promise<void> {
  const { sessionStorage } = await import("~/shopify.server");
  await sessionStorage.storeSession(
    setUpValidSession({ shop, expires: new Date(Date.now() + 24 * 3600 * 1000) }),
  );
}

type Handler = (args: {
  request: Request;
  params: Record<string, string>;
  context: Record<string, never>;
}) => Promise<unknown>;

export async function adminRequest(
  shop: string,
  path: string,
  init: { method?: string; body?: FormData } = {},
): Promise<Request> {
  return setUpValidRequest(
    {
      type: RequestType.Admin,
      store: shop.replace(/\.myshopify\.com$/, ""),
      apiKey: process.env.SHOPIFY_API_KEY!,
      apiSecretKey: process.env.SHOPIFY_API_SECRET!,
    },
    new Request(`http://localhost:3000${path}`, {
      method: init.method ?? "GET",
      body: init.body,
      headers: { "User-Agent": "Mozilla/5.0 Chrome/140" },
    }),
  );
}

/** The handler's answer; a thrown Response (404, redirect) is returned like a returned one. */
export async function call<T = unknown>(
  handler: Handler,
  request: Request,
  params: Record<string, string> = {},
): Promise<T | Response> {
  try {
    return (await handler({ request, params, context: {} })) as T;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export function formOf(fields: Record<string, string | Blob>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}

function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The create form's fields for a campaign of `count` codes anyone can use. */
export function newCampaignFields(
  name: string,
  count: number,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    name,
    startsAt: localDateTime(new Date(Date.now() - 86_400_000)),
    audience: "anyone",
    count: String(count),
    formatMode: "length",
    length: "10",
    rules: JSON.stringify({
      v: 1,
      reward: { kind: "amount", target: "order", value: { percent: 10 } },
    }),
    ...extra,
  };
}
