import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestClient, type TestClient } from "../test-client";
import { Faults } from "./faults";

let client: TestClient;
beforeAll(async () => {
  client = await startTestClient();
});
afterAll(() => client.close());

async function configure(changes: Record<string, unknown>) {
  const r = await fetch(`${client.emulator.url}/__emulator/faults`, {
    method: "POST",
    body: JSON.stringify(changes),
  });
  expect(r.status).toBe(200);
}

async function outcome(): Promise<"ok" | "5xx" | "dropped"> {
  try {
    const { status } = await client.gql("{ shop { id } }");
    if (status >= 500) return "5xx";
    expect(status).toBe(200);
    return "ok";
  } catch {
    return "dropped";
  }
}

describe("fault injection", () => {
  it("answers 5xx and drops connections at the configured rates, reproducibly for a seed", async () => {
    const runs: string[][] = [];
    for (let run = 0; run < 2; run++) {
      await configure({ errorRate: 0.2, dropRate: 0.1, seed: 42 });
      const outcomes: string[] = [];
      for (let i = 0; i < 100; i++) outcomes.push(await outcome());
      runs.push(outcomes);
    }
    expect(runs[0]).toEqual(runs[1]);
    const count = (kind: string) => runs[0]?.filter((o) => o === kind).length ?? 0;
    expect(count("5xx")).toBeGreaterThanOrEqual(10);
    expect(count("5xx")).toBeLessThanOrEqual(30);
    expect(count("dropped")).toBeGreaterThanOrEqual(3);
    expect(count("dropped")).toBeLessThanOrEqual(18);
    const stats = await (await fetch(`${client.emulator.url}/__emulator/faults`)).json();
    expect(stats.stats).toMatchObject({
      requests: 100,
      errors: count("5xx"),
      drops: count("dropped"),
    });
  });

  it("leaves the inspection API alone and turns off at runtime", async () => {
    await configure({ errorRate: 1, dropRate: 0 });
    expect(await outcome()).toBe("5xx");
    expect((await fetch(`${client.emulator.url}/__emulator/faults`)).status).toBe(200);
    await configure({ errorRate: 0, slowRate: 1, slowMs: 5 });
    expect(await outcome()).toBe("ok");
    await configure({ slowRate: 0 });
    expect(await outcome()).toBe("ok");
  });

  it("refuses rates outside 0..1", async () => {
    const r = await fetch(`${client.emulator.url}/__emulator/faults`, {
      method: "POST",
      body: JSON.stringify({ errorRate: 2 }),
    });
    expect(r.status).toBe(400);
    expect(() => new Faults({ dropRate: 0.6, errorRate: 0.6 })).toThrow(/must not exceed 1/);
  });
});
