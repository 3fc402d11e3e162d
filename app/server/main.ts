// `npm start`: OneCode's production server (docs/decisions/004-webhook-serving.md). Serves the
// Remix build (argument, default build/index.js) on PORT (default 3000) and HOST. WEB_CONCURRENCY
// worker processes (default 1): measured on 2 cores, a second worker did not raise webhook
// throughput (their database transactions take turns, see write-turn.server.ts), but it does
// share page rendering. With several, only the first runs background work (the in-app worker of
// the demo, attribution jobs); a worker that dies is replaced.
import cluster, { type Worker } from "node:cluster";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { grantWriteTurns } from "../group-commit/write-turn.server";

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
    // entry.server.tsx and the webhook route start background work; one process is enough.
    const worker: Worker = cluster.fork(
      index > 0 ? { ONECODE_IN_APP_WORKER: "0", ONECODE_ATTRIBUTION_JOBS: "0" } : {},
    );
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
