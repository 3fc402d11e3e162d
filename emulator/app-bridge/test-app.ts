import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

// A tiny embedded app for the browser tests: plain HTML pages that load the App Bridge stand-in
// from the emulator and use its elements, an API that echoes the Authorization header it got,
// and the library's bounce page. Every request is recorded.

export interface SeenRequest {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface TestApp {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

function page(emulatorUrl: string, apiKey: string, title: string, body: string): string {
  return `<!doctype html><html><head><title>${title}</title>
<script src="${emulatorUrl}/app-bridge.js" data-api-key="${apiKey}"></script></head><body>
<ui-nav-menu><a href="/app" rel="home">Home</a><a href="/app/campaigns">Campaigns</a><a href="/app/settings">Settings</a></ui-nav-menu>
${body}</body></html>`;
}

const DASHBOARD = `<ui-title-bar title="Dashboard"><a variant="breadcrumb" href="/app">Home</a>
<button variant="primary" onclick="window.clicked='create'">Create campaign</button><button onclick="window.clicked='export'">Export</button></ui-title-bar>
<ui-save-bar id="campaign-form"><button variant="primary" onclick="window.saved=true">Save</button><button onclick="window.discarded=true">Discard</button></ui-save-bar>
<h1>Dashboard</h1>`;

export async function startTestApp(emulatorUrl: () => string, apiKey: string): Promise<TestApp> {
  const seen: SeenRequest[] = [];
  let retried = false;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://app.local");
      seen.push({
        method: req.method ?? "GET",
        url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const html = (body: string, title = "OneCode") => {
        res.writeHead(200, { "Content-Type": "text/html" });
        res.end(page(emulatorUrl(), apiKey, title, body));
      };
      if (url.pathname === "/api/whoami") {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ authorization: req.headers.authorization ?? null }));
      } else if (url.pathname === "/api/flaky") {
        // The library's answer to an expired session token on a fetch: retry with a new one.
        const first = !retried;
        retried = true;
        res.writeHead(
          first ? 401 : 200,
          first ? { "X-Shopify-Retry-Invalid-Session-Request": "1" } : {},
        );
        res.end(first ? "" : JSON.stringify({ authorization: req.headers.authorization }));
      } else if (url.pathname === "/auth/session-token") {
        res.writeHead(200, { "Content-Type": "text/html" });
        res.end(`<script data-api-key="${apiKey}" src="${emulatorUrl()}/app-bridge.js"></script>`);
      } else if (url.pathname.startsWith("/webhooks/")) {
        res.writeHead(200);
        res.end();
      } else if (url.pathname === "/app") {
        html(DASHBOARD);
      } else {
        html(`<h1>${url.pathname}</h1>`, url.pathname);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
