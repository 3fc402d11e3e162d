// Builds the app and starts its production server (`npm start`: app/server/main.ts) pointed at an
// emulator: what `npm run demo` runs, and what the end-to-end tests and benchmarks drive.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadAppRegistration } from "./store/app-config";

const root = fileURLToPath(new URL("..", import.meta.url));

export const DEMO_API_KEY = "onecode-demo-api-key";
export const DEMO_API_SECRET = "onecode-demo-api-secret";

const BUILD_LOCK = path.join(root, ".cache", "onecode-build.lock");
const BUILD_STAMP = path.join(root, "build", ".onecode-build-stamp");
const LOCK_STALE_MS = 180_000;

function sleepSync(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * `npm run build`, once per `stamp`: test files running in parallel workers share one build (and
 * never write build/ at the same time), while a new test run or a demo start builds afresh. The
 * test setup sets ONECODE_BUILD_STAMP to the run's id.
 */
export function buildApp(stamp: string = process.env.ONECODE_BUILD_STAMP ?? randomUUID()): void {
  mkdirSync(path.dirname(BUILD_LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      const age =
        Date.now() - (statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
      else sleepSync(200);
    }
  }
  try {
    if (existsSync(BUILD_STAMP) && readFileSync(BUILD_STAMP, "utf8") === stamp) return;
    // `npm run build`, as a deployment runs it: the Remix build and the bundled server.
    const npm = process.env.npm_execpath;
    const result = spawnSync(
      npm ? process.execPath : "npm",
      [...(npm ? [npm] : []), "run", "--silent", "build"],
      {
        cwd: root,
        encoding: "utf8",
        // vitest sets NODE_ENV=test, which would compile development JSX into a production build.
        env: { ...process.env, NODE_ENV: "production" },
      },
    );
    if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stderr}`);
    writeFileSync(BUILD_STAMP, stamp);
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `npm start`'s command after `node`: the production server (app/server/main.ts, bundled by
 * `npm run build` so it runs on plain Node, without a TypeScript loader) over the Remix build.
 */
export const APP_SERVER_ARGS = ["build/server.js", "build/index.js"];

export interface RunningApp {
  url: string;
  /** What the server printed so far (its request log and errors), for failure messages. */
  output(): string;
  /** Settles with the exit code if the server stops by itself. */
  exited: Promise<number>;
  stop(): Promise<void>;
}

export async function startApp(options: {
  port: number;
  emulatorUrl: string;
  /** "" for the default SQLite file. */
  databaseUrl: string;
  env?: Record<string, string>;
  /** Show the server's output on this terminal (the demo) instead of collecting it (tests). */
  inheritOutput?: boolean;
  /** Passed to buildApp: the same stamp reuses one build. */
  buildStamp?: string;
}): Promise<RunningApp> {
  buildApp(options.buildStamp);
  const url = `http://localhost:${options.port}`;
  const child: ChildProcess = spawn(process.execPath, APP_SERVER_ARGS, {
    cwd: root,
    stdio: [
      "ignore",
      options.inheritOutput ? "inherit" : "pipe",
      options.inheritOutput ? "inherit" : "pipe",
    ],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      SHOPIFY_API_KEY: DEMO_API_KEY,
      SHOPIFY_API_SECRET: DEMO_API_SECRET,
      SHOPIFY_APP_URL: url,
      SCOPES: loadAppRegistration({ env: {} }).scopes.join(","),
      DATABASE_URL: options.databaseUrl,
      SHOPIFY_EMULATOR_URL: options.emulatorUrl,
      APP_BRIDGE_URL: `${options.emulatorUrl}/app-bridge.js`,
      ...options.env,
    },
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`The app exited (code ${child.exitCode}).\n${output}`);
    try {
      await fetch(`${url}/auth/login`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`The app did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  return {
    url,
    output: () => output,
    exited: new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? 1))),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        // The server finishes the requests in flight, then its workers and itself exit.
        child.kill("SIGINT");
      }),
  };
}
