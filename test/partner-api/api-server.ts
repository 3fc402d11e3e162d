// The partner API's route modules behind a real HTTP server: requests arrive as a partner sends
// them (headers, raw body) and go to the routes' own loaders and actions, matched by path as
// Remix matches them. Run as a script (`tsx test/partner-api/api-server.ts`, PORT and
// DATABASE_URL in the environment) it is a separate app process.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

type Handler = (args: LoaderFunctionArgs) => Promise<Response>;
type RouteModule = { loader?: Handler; action?: Handler };

const ROUTES: [RegExp, () => Promise<RouteModule>][] = [
  [/^\/api\/v1\/claims$/, () => import("../../app/routes/api.v1.claims")],
  [/^\/api\/v1\/allocations$/, () => import("../../app/routes/api.v1.allocations")],
  [/^\/api\/v1\/codes$/, () => import("../../app/routes/api.v1.codes")],
  [/^\/api\/v1\/codes\/(?<code>[^/]+)$/, () => import("../../app/routes/api.v1.codes.$code")],
  [/^\/api\/v1\/redemptions$/, () => import("../../app/routes/api.v1.redemptions")],
  [/^\/api\/v1\/openapi\.json$/, () => import("../../app/routes/api.v1.openapi[.]json")],
];

export async function startApiServer(port = 0): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const path = new URL(req.url ?? "/", "http://x").pathname;
        const route = ROUTES.find(([pattern]) => pattern.test(path));
        if (!route) return res.writeHead(404).end();
        const params = Object.fromEntries(
          Object.entries(route[0].exec(path)!.groups ?? {}).map(([k, v]) => [
            k,
            decodeURIComponent(v),
          ]),
        );
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === "string") headers.set(name, value);
        }
        const body =
          req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
        const request = new Request(`http://127.0.0.1${req.url}`, {
          method: req.method,
          headers,
          body,
        });
        const module = await route[1]();
        const handler = req.method === "GET" ? module.loader : module.action;
        let response: Response;
        try {
          response = handler
            ? await handler({ request, params, context: {} })
            : new Response(null, { status: 405 });
        } catch (thrown) {
          response =
            thrown instanceof Response ? thrown : new Response(String(thrown), { status: 500 });
        }
        const out: Record<string, string> = {};
        response.headers.forEach((value, name) => (out[name] = value));
        res.writeHead(response.status, out).end(await response.text());
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { url } = await startApiServer(Number(process.env.PORT ?? 0));
  console.log(`listening ${url}`);
}
