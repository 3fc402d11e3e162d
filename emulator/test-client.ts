import { DEMO_SHOP } from "./store/seed";
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from "./server";

// For the emulator's own tests: a server on port 0 and a small Admin API client over real HTTP.

export interface GraphqlAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary answer shapes
  body: any;
}

export interface TestClient {
  emulator: RunningEmulator;
  shop: string;
  token: string;
  gql(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; version?: string; shop?: string },
  ): Promise<GraphqlAnswer>;
  close(): Promise<void>;
}

export async function startTestClient(
  options: StartEmulatorOptions = {},
  install: { scopes?: string[] } = {},
): Promise<TestClient> {
  const emulator = await startEmulator({ port: 0, mounts: [], ...options });
  const response = await fetch(`${emulator.url}/__emulator/shops/${DEMO_SHOP}/tokens`, {
    method: "POST",
    body: JSON.stringify(install.scopes ? { scopes: install.scopes } : {}),
  });
  const { accessToken } = (await response.json()) as { accessToken: string };
  return {
    emulator,
    shop: DEMO_SHOP,
    token: accessToken,
    async gql(query, variables = {}, opts = {}) {
      const r = await fetch(
        `${emulator.url}/store/${opts.shop ?? DEMO_SHOP}/admin/api/${opts.version ?? "2026-04"}/graphql.json`,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(opts.token === "" ? {} : { "x-shopify-access-token": opts.token ?? accessToken }),
          },
          body: JSON.stringify({ query, variables }),
        },
      );
      return { status: r.status, headers: r.headers, body: await r.json() };
    },
    close: () => emulator.close(),
  };
}
