// The production HTTP server: webhook POSTs go straight to their route actions (the serving
// fast path, webhook-transport.ts); everything else through Express as remix-serve sets it up.
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
 * Writes a Remix Response as @remix-run/express does, but waits for `drain` when the socket's
 * buffer is full: a streamed download is read as fast as the client takes it (decision 027).
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
  // One listener for the whole answer: compression hands each to zlib, where they would pile up.
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
