// A partner's webhook receiver on 127.0.0.1: records every delivery (headers and raw body) and
// answers with the status the test chooses for each attempt.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  answered: number;
}

export async function startReceiver(answer: (n: number) => number = () => 200) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const status = answer(received.length);
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        answered: status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/onecode`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
