// Serving machinery: a webhook POST from Node's HTTP server to its route action, the body read
// once under the cap and passed as text in the load context. Only failures are logged.
import type { IncomingMessage, ServerResponse } from "node:http";
import { declaredTooLarge, tooLarge, webhookMaxBodyBytes } from "../webhooks/body";
import type { RouteAction } from "./webhook-routes";

export async function serveWebhook(
  action: RouteAction,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let response: Response;
  try {
    const body = await readBody(req, webhookMaxBodyBytes());
    if (!body) return await answer(req, res, tooLarge());
    const webhookBody = body.toString("utf8");
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
      method: req.method,
      headers: headersOf(req),
    });
    response = await callAction(action, request, webhookBody);
  } catch (error) {
    // The body could not be read (the client went away) or the URL is malformed.
    response = new Response(null, { status: 400 });
    if (!req.destroyed) console.error(`OneCode: ${req.method} ${req.url} rejected:`, error);
  }
  await answer(req, res, response);
}

async function answer(req: IncomingMessage, res: ServerResponse, response: Response) {
  if (response.status >= 400) console.warn(`${req.method} ${req.url} ${response.status}`);
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

async function callAction(
  action: RouteAction,
  request: Request,
  webhookBody: string,
): Promise<Response> {
  try {
    const result = await action({ request, params: {}, context: { webhookBody } });
    if (result instanceof Response) return result;
    throw new Error("A webhook route's action must return a Response");
  } catch (thrown) {
    // As Remix does: a thrown Response is the answer, anything else a 500 (Shopify retries it).
    if (thrown instanceof Response) return thrown;
    console.error(`OneCode: webhook ${new URL(request.url).pathname} failed:`, thrown);
    return new Response(null, { status: 500 });
  }
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

/** The whole body, or null once it is over `max` bytes (the rest is discarded unread). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer<ArrayBuffer> | null> {
  if (declaredTooLarge(req.headers["content-length"], max)) {
    discardRest(req);
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      chunks.length = 0;
      req.off("data", onData);
      discardRest(req);
      resolve(null);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
    req.on("aborted", () => reject(new Error("The client aborted the request")));
  });
}

// How long a refused body is drained before the connection closes, so the client reads its 413.
const LINGER_MS = 2_000;

function discardRest(req: IncomingMessage): void {
  req.resume();
  const timer = setTimeout(() => {
    if (!req.complete) req.socket.destroy();
  }, LINGER_MS);
  timer.unref();
  req.once("end", () => clearTimeout(timer));
}
