import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { demoDataBeside, reconcileDemoData } from "./demo-data";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "demo-data-"));
  dirs.push(dir);
  return demoDataBeside(path.join(dir, "onecode.db"));
}

const NOW = new Date("2026-12-03T11:00:00.000Z");

describe("the demo's saved data", () => {
  it("keeps a database and an emulator state that belong together", () => {
    const data = dataDir();
    writeFileSync(data.databaseFile, "db");
    writeFileSync(data.stateFile, "{}");
    expect(reconcileDemoData(data, NOW)).toBeNull();
    expect(existsSync(data.databaseFile) && existsSync(data.stateFile)).toBe(true);
  });

  it("starts fresh, keeping the old database aside, when the emulator's Shopify was never saved", () => {
    const data = dataDir();
    writeFileSync(data.databaseFile, "db");
    writeFileSync(`${data.databaseFile}-wal`, "wal");
    const message = reconcileDemoData(data, NOW);
    expect(message).toMatch(
      /^Starting the demo fresh: .*onecode\.db comes from a run whose Shopify/,
    );
    expect(message).toContain("onecode-2026-12-03T11-00-00-000Z.db");
    expect(readdirSync(path.dirname(data.databaseFile)).sort()).toEqual([
      "onecode-2026-12-03T11-00-00-000Z.db",
      "onecode-2026-12-03T11-00-00-000Z.db-wal",
    ]);
  });

  it("starts fresh when only the emulator's Shopify is there", () => {
    const data = dataDir();
    writeFileSync(data.stateFile, "{}");
    expect(reconcileDemoData(data, NOW)).toMatch(/has no app database beside it/);
    expect(existsSync(data.stateFile)).toBe(false);
  });

  it("has nothing to say on a first run", () => {
    expect(reconcileDemoData(dataDir(), NOW)).toBeNull();
  });
});
