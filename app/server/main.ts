// `npm start`: the production server over the Remix build (argument, default build/index.js) on
// PORT and HOST, in WEB_CONCURRENCY processes (decision 004); the first also runs background work.
import cluster, { type Worker } from "node:cluster";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { grantWriteTurns } from "../group-commit/write-turn.server";
import type { startBackgroundWork } from "../entry.server";

// Before the build is imported: React and Remix pick their production code from it.
process.env.NODE_ENV ??= "production";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST;
const workers = Math.max(1, Math.floor(Number(process.env.WEB_CONCURRENCY ?? 1)) || 1);

if (cluster.isPrimary && workers > 1) runPrimary();
else await runWorker();

function runPrimary(): void {
  grantWriteTurns();
  let stopping = false;
  let listening = 0;
  const fork = (index: number): void => {
    const worker: Worker = cluster.fork({ ONECODE_WORKER_INDEX: String(index) });
    let up = false;
    worker.once("listening", () => {
      up = true;
      if (++listening === workers) announce(`${workers} workers`);
    });
    worker.once("exit", (code, signal) => {
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
        return;
      }
      // A worker that never started (bad configuration) would fail again: stop, as one would.
      if (!up) {
        console.error(`OneCode: worker ${index} failed to start (exit ${code ?? signal})`);
        stopping = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGINT");
        process.exit(code || 1);
      }
      console.error(`OneCode: worker ${index} died (exit ${code ?? signal}); starting another`);
      fork(index);
    });
  };
  for (let index = 0; index < workers; index++) fork(index);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }
}

async function runWorker(): Promise<void> {
  const buildPath = path.resolve(process.argv[2] ?? "build/index.js");
  const build = await import(pathToFileURL(buildPath).href);
  const { installGlobals } = await import("@remix-run/node");
  installGlobals({ nativeFetch: build.future.v3_singleFetch });
  const { createAppServer } = await import("./app-server");
  const server = createAppServer(build);
  // One process of the server runs background work: the first worker, or the only process.
  if (!cluster.isWorker || process.env.ONECODE_WORKER_INDEX === "0") {
    // The build's own modules (its database client, its write priority), not copies bundled here.
    const start = build.entry.module.startBackgroundWork as typeof startBackgroundWork;
    start(process.env.ONECODE_IN_APP_WORKER === "1" ? "all" : "attribution-jobs");
  }
  server.listen({ port, host }, () => {
    if (cluster.isPrimary) announce("1 worker");
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Answers in flight finish (their commits with them); idle keep-alive connections close now.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

function announce(what: string): void {
  console.log(`[onecode] http://localhost:${port} (${what})`);
}
