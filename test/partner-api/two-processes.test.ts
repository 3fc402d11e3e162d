// Two app processes claiming from one database at the same time (PostgreSQL in the CI's second
// lane): no code is handed out twice, and the pool ends exactly empty.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../emulator/app-process";
import { newShop, seedPartner, seedShop } from "./seed";

const { default: db } = await import("~/db.server");
const root = path.resolve(import.meta.dirname, "../..");
const processes: ChildProcess[] = [];
afterAll(() => {
  for (const child of processes) child.kill("SIGKILL");
});

async function startProcess(): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "test/partner-api/api-server.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  processes.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on(
      "data",
      (chunk: Buffer) => chunk.toString().includes("listening") && resolve(),
    );
    child.once("exit", (code) => reject(new Error(`The app process exited (${code})`)));
  });
  return `http://127.0.0.1:${port}`;
}

describe("claims from two app processes", () => {
  it("never hand one code to two claims", async () => {
    const { shop, campaignId } = await seedShop(newShop("twoproc"), 300);
    const a = await seedPartner(shop);
    const b = await seedPartner(shop);
    const urls = await Promise.all([startProcess(), startProcess()]);
    const answers = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const response = await fetch(`${urls[i % 2]}/api/v1/claims`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${(i % 4 < 2 ? a : b).token}`,
            "content-type": "application/json",
          },
          body: JSON.stringify({ campaign: campaignId, quantity: 10 }),
        });
        return { status: response.status, body: (await response.json()) as { codes?: string[] } };
      }),
    );
    const codes = answers.flatMap((x) => x.body.codes ?? []);
    expect(answers.filter((x) => x.status === 201)).toHaveLength(30);
    expect(answers.filter((x) => x.status === 409)).toHaveLength(10);
    expect(codes).toHaveLength(300);
    expect(new Set(codes).size).toBe(300);
    const rows = await db.code.findMany({
      where: { shop },
      select: { status: true, apiClaimId: true },
    });
    expect(rows.every((r) => r.status === "distributed" && r.apiClaimId)).toBe(true);
    expect(await db.apiClaim.count({ where: { shop } })).toBe(30);
  }, 60_000);
});
