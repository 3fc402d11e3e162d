// `npm run demo` with one of its ports taken: one sentence naming the port and the variable that
// moves it, before anything else is printed, and no stack trace.
import { spawn } from "node:child_process";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../emulator/app-process";

const root = fileURLToPath(new URL("../..", import.meta.url));
const servers: net.Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0))
    await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Something else listening on a port, as another program would. */
async function occupied(): Promise<number> {
  const server = net.createServer((socket) => socket.end("HTTP/1.1 200 OK\r\n\r\nnot OneCode"));
  await new Promise<void>((resolve) => server.listen(0, resolve));
  servers.push(server);
  return (server.address() as net.AddressInfo).port;
}

function runDemo(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "emulator/demo.ts"], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    // A demo that got past the check would build and run: stop it, the answer is already wrong.
    const timer = setTimeout(() => child.kill("SIGINT"), 20_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("npm run demo with a port taken", () => {
  it("names the emulator's port and EMULATOR_PORT, and starts nothing", async () => {
    const taken = await occupied();
    const { code, output } = await runDemo({
      EMULATOR_PORT: String(taken),
      PORT: String(await freePort()),
    });
    expect(code).toBe(1);
    expect(output.trim()).toBe(
      `Port ${taken} (the Shopify emulator) is already in use: stop what is using it, or choose another port with EMULATOR_PORT=<port> npm run demo.`,
    );
  }, 30_000);

  it("names the app's port and PORT, and never says OneCode is running", async () => {
    const taken = await occupied();
    const { code, output } = await runDemo({
      PORT: String(taken),
      EMULATOR_PORT: String(await freePort()),
    });
    expect(code).toBe(1);
    expect(output).not.toContain("OneCode is running");
    expect(output).not.toMatch(/^\s+at /m);
    expect(output.trim()).toBe(
      `Port ${taken} (the OneCode app) is already in use: stop what is using it, or choose another port with PORT=<port> npm run demo.`,
    );
  }, 30_000);
});
