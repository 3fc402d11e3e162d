import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A stand-in for the app's webhook endpoints in tests: a real HTTP server on port 0 that records
// each request byte for byte and answers as the test scripts it (status, delay).

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

export type Answer = { status: number; delayMs?: number };

export interface FakeApp {
  url: string;
  received: Received[];
  /** Decides each answer; default 200 at once. */
  answer: (request: Received, index: number) => Answer;
  close(): Promise<void>;
}

export async function startFakeApp(): Promise<FakeApp> {
  const app: FakeApp = {
    url: "",
    received: [],
    answer: () => ({ status: 200 }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = {
        path: req.url ?? "",
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString("utf8"),
      };
      const index = app.received.push(request) - 1;
      const { status, delayMs = 0 } = app.answer(request, index);
      const timer = setTimeout(() => res.writeHead(status).end(), delayMs);
      res.on("close", () => clearTimeout(timer));
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  app.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return app;
}
