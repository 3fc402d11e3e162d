// sendResponse reads a streamed body only as fast as the client takes it, through compression as
// the app server has it, and stops reading when the client leaves.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createGunzip } from "node:zlib";
import compression from "compression";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { sendResponse } from "./app-server";

const CHUNK = 64 * 1024;
const CHUNKS = 2_000; // 125 MiB: far more than any socket or zlib buffer holds.

interface Source {
  pulled: number;
  cancelled: boolean;
}

let server: http.Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

async function serve(source: Source): Promise<number> {
  const app = express();
  app.use(compression());
  app.get("/", (_req, res, next) => {
    // Incompressible, so compression passes on as many bytes as it is given.
    const chunk = randomBytes(CHUNK);
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (source.pulled === CHUNKS) return controller.close();
          source.pulled++;
          controller.enqueue(new Uint8Array(chunk));
        },
        cancel() {
          source.cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const headers = { "Content-Type": "text/csv", "Set-Cookie": "a=1" };
    sendResponse(res, new Response(body, { status: 201, headers })).catch(next);
  });
  server = app.listen(0);
  await new Promise((resolve) => server!.once("listening", resolve));
  return (server.address() as AddressInfo).port;
}

function get(port: number): Promise<{ req: http.ClientRequest; res: http.IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ port, path: "/", headers: { "Accept-Encoding": "gzip" } }, (res) =>
      resolve({ req, res }),
    );
    req.on("error", reject);
  });
}

/** Waits until the source stops being read (its count unchanged for a while), then returns it. */
async function settled(source: Source): Promise<number> {
  let last = -1;
  let still = 0;
  while (still < 5) {
    await new Promise((resolve) => setTimeout(resolve, 40));
    still = source.pulled === last ? still + 1 : 0;
    last = source.pulled;
  }
  return last;
}

describe("sendResponse", () => {
  it("reads the body only as far as a client that stopped reading has taken, then all of it", async () => {
    const source: Source = { pulled: 0, cancelled: false };
    const port = await serve(source);
    const { res } = await get(port);
    res.pause();
    expect(res.statusCode).toBe(201);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers["set-cookie"]).toEqual(["a=1"]);
    // A few MiB sit in the socket's and zlib's buffers; the rest waits for the client.
    expect(await settled(source)).toBeLessThan(200);

    let bytes = 0;
    const gunzip = res.pipe(createGunzip());
    for await (const chunk of gunzip) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(CHUNK * CHUNKS);
    expect(source.pulled).toBe(CHUNKS);
  });

  it("stops reading the body when the client leaves", async () => {
    const source: Source = { pulled: 0, cancelled: false };
    const port = await serve(source);
    const { req, res } = await get(port);
    res.pause();
    await settled(source);
    req.destroy();
    res.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await settled(source);
    expect(source.cancelled).toBe(true);
    expect(source.pulled).toBeLessThan(CHUNKS);
  });
});
