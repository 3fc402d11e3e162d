// A pass-through HTTP proxy in front of the emulator that can hold one Admin request while a test
// does something else: the app's real request is in flight, not yet seen by Shopify, for exactly
// as long as the test needs (no timing involved).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface HoldingProxy {
  url: string;
  /** Runs `during` once, while the first request whose body contains `operation` is held. */
  holdOnce(operation: string, during: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function startHoldingProxy(targetUrl: string): Promise<HoldingProxy> {
  let hold: {
    operation: string;
    during: () => Promise<void>;
    done: { resolve: () => void; reject: (error: unknown) => void };
  } | null = null;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const current = hold;
        if (current && body.toString("utf8").includes(current.operation)) {
          hold = null;
          try {
            await current.during();
            current.done.resolve();
          } catch (error) {
            current.done.reject(error);
          }
        }
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === "string" && name !== "host" && name !== "content-length") {
            headers.set(name, value);
          }
        }
        const answer = await fetch(new URL(req.url ?? "/", targetUrl), {
          method: req.method,
          headers,
          body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
        });
        const out: Record<string, string> = {};
        answer.headers.forEach((value, name) => {
          if (name !== "content-encoding" && name !== "content-length") out[name] = value;
        });
        res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
      })().catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    holdOnce(operation, during) {
      return new Promise<void>((resolve, reject) => {
        hold = { operation, during, done: { resolve, reject } };
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
