// Runs the bundled function the way Shopify runs a JavaScript function: inside QuickJS (Javy
// embeds QuickJS in the Wasm module), a fresh engine per run, the input handed over through
// ShopifyFunction.readInput() and the result taken from ShopifyFunction.writeOutput() (the
// contract of @shopify/shopify_function/run). No Node API is reachable from inside.
import {
  getQuickJS,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSWASMModule,
} from "quickjs-emscripten";

/** `logs`: what the run wrote with console.*, as Shopify's run log shows a function's logs. */
export type FunctionRun =
  { ok: true; output: unknown; logs: string } | { ok: false; error: string; logs: string };

export interface FunctionRunner {
  run(jsExport: string, input: unknown): FunctionRun;
}

// Shopify caps a function's memory; 10 MB is generous for a discount function and keeps a
// runaway run from taking the emulator down with it.
const MEMORY_LIMIT_BYTES = 10 * 1024 * 1024;

// Javy gives a function a console whose output Shopify keeps as the run's logs (stdout carries
// the result), so a message written there is what a merchant reads in the run log.
const PRELUDE = `globalThis.ShopifyFunction = {
  readInput() { return JSON.parse(globalThis.__input); },
  writeOutput(value) { globalThis.__output = JSON.stringify(value); },
};
globalThis.__logs = [];
const __log = (...args) => { globalThis.__logs.push(args.map(String).join(" ")); };
globalThis.console = { log: __log, info: __log, warn: __log, error: __log, debug: __log };`;

export async function createFunctionRunner(bundle: string): Promise<FunctionRunner> {
  const quickjs = await getQuickJS();
  return { run: (jsExport, input) => runOnce(quickjs, bundle, jsExport, JSON.stringify(input)) };
}

function runOnce(
  quickjs: QuickJSWASMModule,
  bundle: string,
  jsExport: string,
  input: string,
): FunctionRun {
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(MEMORY_LIMIT_BYTES);
  const vm = runtime.newContext();
  const logsOf = (): string => {
    try {
      const handle = vm.getProp(vm.global, "__logs");
      const lines = vm.dump(handle) as unknown;
      handle.dispose();
      return Array.isArray(lines) ? lines.join("\n") : "";
    } catch {
      return "";
    }
  };
  try {
    const inputHandle = vm.newString(input);
    vm.setProp(vm.global, "__input", inputHandle);
    inputHandle.dispose();
    vm.unwrapResult(vm.evalCode(PRELUDE, "prelude.js")).dispose();
    const exports = moduleExports(
      vm,
      vm.unwrapResult(vm.evalCode(bundle, "function.js", { type: "module" })),
    );
    const fn = vm.getProp(exports, jsExport);
    exports.dispose();
    if (vm.typeof(fn) !== "function") {
      fn.dispose();
      return { ok: false, error: `The function bundle has no export "${jsExport}".`, logs: "" };
    }
    const called = vm.callFunction(fn, vm.undefined);
    fn.dispose();
    if (called.error) {
      const error = vm.dump(called.error) as { message?: string } | string;
      called.error.dispose();
      return {
        ok: false,
        error: typeof error === "string" ? error : (error?.message ?? "The function threw."),
        logs: logsOf(),
      };
    }
    called.value.dispose();
    const output = vm.getProp(vm.global, "__output");
    const text = vm.typeof(output) === "string" ? vm.getString(output) : null;
    output.dispose();
    if (text === null) return { ok: false, error: "The function wrote no output.", logs: logsOf() };
    return { ok: true, output: JSON.parse(text), logs: logsOf() };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      logs: logsOf(),
    };
  } finally {
    vm.dispose();
    runtime.dispose();
  }
}

// Evaluating a module yields its namespace, or a promise of it; the bundle has no top-level
// await, so the promise settles once pending jobs run.
function moduleExports(vm: QuickJSContext, handle: QuickJSHandle): QuickJSHandle {
  const state = vm.getPromiseState(handle);
  if (state.type === "fulfilled" && state.notAPromise) return handle;
  vm.runtime.executePendingJobs();
  const settled = vm.getPromiseState(handle);
  handle.dispose();
  if (settled.type === "fulfilled") return settled.value;
  if (settled.type === "rejected") {
    const reason = vm.dump(settled.error) as { message?: string };
    settled.error.dispose();
    throw new Error(`The function module failed to load: ${reason?.message ?? String(reason)}`);
  }
  throw new Error("The function module did not finish loading.");
}
