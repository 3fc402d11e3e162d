// What `npm run demo` keeps between runs, in .data/: the app's SQLite database and the emulator's
// Shopify (docs/decisions/005-demo-keeps-its-shopify.md). The two only make sense together: a
// database whose campaigns and token the emulator never saw shows codes live that checkout
// refuses. So when only one of them is there, the demo starts both fresh and keeps the lone one
// aside, saying so.
import { existsSync, renameSync } from "node:fs";
import path from "node:path";

export interface DemoData {
  databaseFile: string;
  stateFile: string;
}

export function demoDataBeside(databaseFile: string): DemoData {
  return { databaseFile, stateFile: path.join(path.dirname(databaseFile), "emulator-state.json") };
}

/** SQLite's own files beside a database (journal, write-ahead log). */
const SQLITE_COMPANIONS = ["-journal", "-wal", "-shm"];

function keepAside(file: string, stamp: string, companions: string[] = []): string {
  const ext = path.extname(file);
  const aside = path.join(path.dirname(file), `${path.basename(file, ext)}-${stamp}${ext}`);
  renameSync(file, aside);
  for (const suffix of companions) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

/**
 * Makes the demo's database and emulator state agree before anything opens them. Returns what
 * to tell the merchant when something was set aside, else null.
 */
export function reconcileDemoData(data: DemoData, now = new Date()): string | null {
  const hasDatabase = existsSync(data.databaseFile);
  const hasState = existsSync(data.stateFile);
  if (hasDatabase === hasState) return null;
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const relative = (file: string) => path.relative(process.cwd(), file) || file;
  if (hasDatabase) {
    const aside = keepAside(data.databaseFile, stamp, SQLITE_COMPANIONS);
    return `Starting the demo fresh: ${relative(data.databaseFile)} comes from a run whose Shopify was not saved, so its campaigns would not exist at checkout (it is kept as ${relative(aside)}).`;
  }
  const aside = keepAside(data.stateFile, stamp);
  return `Starting the demo fresh: the saved Shopify in ${relative(data.stateFile)} has no app database beside it (it is kept as ${relative(aside)}).`;
}
