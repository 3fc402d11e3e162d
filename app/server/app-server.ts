// One production HTTP server over the Remix build: POSTs to the webhook routes go straight to
// their actions (webhook-transport.ts); everything else goes through Express with Remix's request
// handler, set up as remix-serve sets it up (compression, fingerprinted assets cached for a year,
// public/ for an hour, a log line per request). Remix's answers are sent by sendResponse below.
import { createServer, type Server } from "node:http";
import { createRemixRequest } from "@remix-run/express/dist/server.js";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
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
  const handleRequest = createRequestHandler(build, process.env.NODE_ENV);
  app.all("*", (req, res, next) => {
    handleRequest(createRemixRequest(req, res))
      .then((response) => sendResponse(res, response))
      .catch(next);
  });

  const webhooks = webhookActions(build);
  return createServer((req, res) => {
    const action = req.method === "POST" ? webhooks.get(routePath(req.url ?? "/")) : undefined;
    if (action) void serveWebhook(action, req, res);
    else app(req, res);
  });
}

/**
 * Writes a Remix Response as @remix-run/express does (status, every header, event streams flushed
 * at once, each chunk flushed through compression), except that it waits for `drain` whenever the
 * socket's buffer is full: the adapter's own writer does not, so a large streamed download was read
 * from the database as fast as it came and held in memory until the client caught up. A client
 * that leaves cancels the body, which stops whatever produces it.
 */
export async function sendResponse(res: express.Response, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // One listener each for the whole answer: compression hands `drain` listeners to its zlib
  // stream, where a listener per wait would pile up.
  let wake: (() => void) | null = null;
  const resume = () => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  res.on("drain", resume);
  res.once("close", resume);
  const flushable = res as express.Response & { flush?: () => void };
  try {
    for (;;) {
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise<void>((resolve) => (wake = resolve));
      flushable.flush?.();
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
    throw error;
  } finally {
    res.off("drain", resume);
    res.off("close", resume);
  }
}
