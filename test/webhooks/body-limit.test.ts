// An unsigned webhook POST far over the body cap is refused with 413, never read into memory: on
// the production server's webhook path (by Content-Length, and while a chunked body streams in)
// and on the route itself as Remix calls it (remix-serve, `npm run dev`).
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureApp, deliver } from "./signed-delivery";
import { newShop, seedCampaign } from "./seed";
import { orderBody } from "./order-bodies";

configureApp();
const { startFastPathServer } = await import("./fast-path-server");
const { action } = await import("~/routes/webhooks.orders.create");
const { webhookMaxBodyBytes } = await import("~/webhooks/body");

const MB = 1024 * 1024;
// Far over the cap; the process would hold it (twice, joined) if the body were buffered.
const OVERSIZE = 160 * MB;
const CHUNK = Buffer.alloc(MB, "x");

interface Sent {
  status: number;
  body: string;
  sentBytes: number;
  rssGrowthMb: number;
}

/** POSTs OVERSIZE bytes of junk, 1 MB at a time as the socket takes them, until answered. */
function postOversize(url: string, declareLength: boolean): Promise<Sent> {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const req = httpRequest(`${url}/webhooks/orders/create`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Topic": "orders/create",
        ...(declareLength ? { "Content-Length": String(OVERSIZE) } : {}),
      },
    });
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          sentBytes,
          rssGrowthMb: (peakRss - rssBefore) / MB,
        }),
      );
    });
    // Writing into a socket the server closed after answering: expected once answered.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sentBytes < OVERSIZE && !req.destroyed) {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        sentBytes += CHUNK.length;
        if (!req.write(CHUNK)) return void req.once("drain", pump);
      }
      if (sentBytes >= OVERSIZE) req.end();
    };
    pump();
  });
}

describe("the production server's webhook path", () => {
  let server: Awaited<ReturnType<typeof startFastPathServer>>;
  beforeAll(async () => {
    server = await startFastPathServer();
  });
  afterAll(() => server.close());

  it("refuses a body whose Content-Length is over the cap with 413, reading none of it", async () => {
    const sent = await postOversize(server.url, true);
    expect(sent.status).toBe(413);
    expect(sent.body).toContain(`at most ${webhookMaxBodyBytes()} bytes`);
    expect(sent.rssGrowthMb).toBeLessThan(64);
  });

  it("refuses a chunked body with 413 as soon as it passes the cap", async () => {
    const sent = await postOversize(server.url, false);
    expect(sent.status).toBe(413);
    expect(sent.sentBytes).toBeLessThan(OVERSIZE);
    expect(sent.rssGrowthMb).toBeLessThan(64);
  });

  it("still takes a signed delivery of ordinary size", async () => {
    const seeded = await seedCampaign(newShop("size"));
    const { signedRequest } = await import("./signed-delivery");
    const signed = signedRequest("orders/create", orderBody("created"), { shop: seeded.shop });
    const response = await fetch(`${server.url}/webhooks/orders/create`, {
      method: "POST",
      headers: signed.headers,
      body: await signed.text(),
    });
    expect(response.status).toBe(200);
  });
});

describe("the webhook route as Remix calls it", () => {
  /** A request whose body is produced only as it is read, counting what was read. */
  function streamedRequest(declareLength: boolean) {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= OVERSIZE) return controller.close();
        pulled += CHUNK.length;
        controller.enqueue(new Uint8Array(CHUNK));
      },
    });
    const request = new Request("https://onecode.example/webhooks/orders/create", {
      method: "POST",
      headers: {
        "X-Shopify-Topic": "orders/create",
        ...(declareLength ? { "Content-Length": String(OVERSIZE) } : {}),
      },
      body,
      duplex: "half",
    } as RequestInit);
    return { request, pulled: () => pulled };
  }

  for (const declareLength of [true, false]) {
    it(`answers 413 and stops reading (${declareLength ? "Content-Length" : "chunked"})`, async () => {
      const { request, pulled } = streamedRequest(declareLength);
      const response = await action({ request, params: {}, context: {} });
      expect(response.status).toBe(413);
      expect(pulled()).toBeLessThanOrEqual(webhookMaxBodyBytes() + 2 * MB);
    });
  }

  it("takes a signed delivery of ordinary size", async () => {
    const seeded = await seedCampaign(newShop("size-remix"));
    const response = await deliver("orders/create", orderBody("created"), { shop: seeded.shop });
    expect(response.status).toBe(200);
  });
});
