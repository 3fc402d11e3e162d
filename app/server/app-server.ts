// One production HTTP server over the Remix build: POSTs to the webhook routes go straight to
// their actions (webhook-transport.ts); everything else goes through Express with Remix's request
// handler, set up as remix-serve sets it up (compression, fingerprinted assets cached for a year,
// public/ for an hour, a log line per request).
import { createServer, type Server } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { redactUrl } from "./redact-url";
import { routePath, webhookActions } from "./webhook-routes";
import { serveWebhook } from "./webhook-transport";

export function createAppServer(build: ServerBuild): Server {
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  app.use(
    build.publicPath,
    express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }),
  );
  app.use(express.static("public", { maxAge: "1h" }));
  // morgan's "tiny" line, with the URL's credentials (session token, hmac…) left out.
  morgan.token("redacted-url", (req: express.Request) =>
    redactUrl(req.originalUrl ?? req.url ?? ""),
  );
  app.use(morgan(":method :redacted-url :status :res[content-length] - :response-time ms"));
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

  const webhooks = webhookActions(build);
  return createServer((req, res) => {
    const action = req.method === "POST" ? webhooks.get(routePath(req.url ?? "/")) : undefined;
    if (action) void serveWebhook(action, req, res);
    else app(req, res);
  });
}
