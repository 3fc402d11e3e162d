// OneCode's production server (app/server/app-server.ts) in the test's own process, over a build
// that holds only the real webhook route modules, so a test can deliver through the server's
// webhook path while the same process does admin work (minting, uploads), as `npm start` does.
import type { ServerBuild } from "@remix-run/node";
import type { AddressInfo } from "node:net";
import { createAppServer } from "~/server/app-server";

const WEBHOOK_ROUTES = {
  "webhooks/orders/create": () => import("~/routes/webhooks.orders.create"),
  "webhooks/orders/paid": () => import("~/routes/webhooks.orders.paid"),
  "webhooks/refunds/create": () => import("~/routes/webhooks.refunds.create"),
};

export async function startFastPathServer(): Promise<{ url: string; close(): Promise<void> }> {
  const routes: Record<string, unknown> = {
    root: { id: "root", path: "", module: { default: () => null } },
  };
  for (const [path, load] of Object.entries(WEBHOOK_ROUTES)) {
    routes[`routes/${path}`] = {
      id: `routes/${path}`,
      parentId: "root",
      path,
      module: await load(),
    };
  }
  const build = {
    routes,
    entry: { module: { default: () => new Response(null, { status: 404 }) } },
    assets: { routes: {}, entry: { module: "", imports: [] }, url: "", version: "test" },
    future: {},
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    mode: "production",
    basename: "/",
    isSpaMode: false,
  } as unknown as ServerBuild;
  const server = createAppServer(build);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
