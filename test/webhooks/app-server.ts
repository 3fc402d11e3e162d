// The app's webhook routes behind a real HTTP server, for end-to-end tests where the emulator
// delivers to them: the route modules' own actions, called with the request as received. Run
// as a script (`tsx test/webhooks/app-server.ts`, PORT in the environment) it is a separate
// process a test can kill mid-burst.
import type { ActionFunctionArgs } from "@remix-run/node";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

type Action = (args: ActionFunctionArgs) => Promise<Response>;

const ROUTES: Record<string, () => Promise<{ action: Action }>> = {
  "/webhooks/orders/create": () => import("../../app/routes/webhooks.orders.create"),
  "/webhooks/orders/paid": () => import("../../app/routes/webhooks.orders.paid"),
  "/webhooks/orders/cancelled": () => import("../../app/routes/webhooks.orders.cancelled"),
  "/webhooks/refunds/create": () => import("../../app/routes/webhooks.refunds.create"),
  "/webhooks/app/uninstalled": () => import("../../app/routes/webhooks.app.uninstalled"),
  "/webhooks/compliance": () => import("../../app/routes/webhooks.compliance"),
};

export async function startWebhookServer(port = 0): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const route = ROUTES[new URL(req.url ?? "/", "http://x").pathname];
        if (!route) return res.writeHead(404).end();
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === "string") headers.set(name, value);
        }
        const request = new Request(`http://127.0.0.1${req.url}`, {
          method: req.method,
          headers,
          body: Buffer.concat(chunks),
        });
        let response: Response;
        try {
          response = await (await route()).action({ request, params: {}, context: {} });
        } catch (thrown) {
          response =
            thrown instanceof Response ? thrown : new Response(String(thrown), { status: 500 });
        }
        res.writeHead(response.status).end(await response.text());
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { url } = await startWebhookServer(Number(process.env.PORT ?? 0));
  console.log(`listening ${url}`);
}
