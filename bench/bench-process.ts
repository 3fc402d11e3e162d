// The servers a benchmark starts as child processes: wait until one says it is listening, and
// stop it before the next measurement so the two never share the CPU.
import type { ChildProcess } from "node:child_process";

/** Resolves once the child prints its address (or "listening"); rejects if it exits first. */
export function listening(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (/http:\/\/|listening/i.test(chunk.toString())) resolve();
    });
    child.on("exit", (code) =>
      reject(new Error(`A bench server exited (${code}) before listening`)),
    );
  });
}

/** SIGINT, then SIGKILL if it has not exited within 10 s (its answers in flight finish first). */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
