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

export type FunctionRun = { ok: true; output: unknown } | { ok: false; error: string };

export interface FunctionRunner {
  run(jsExport: string, input: unknown): FunctionRun;
}

// Shopify caps a function's memory; 10 MB is generous for a discount function and keeps a
// runaway run from taking the emulator down with it.
const MEMORY_LIMIT_BYTES = 10 * 1024 * 1024;

const PRELUDE = `globalThis.ShopifyFunction = {
  readInput() { return JSON.parse(globalThis.__input); },
  writeOutput(value) { globalThis.__output = JSON.stringify(value); },
};`;

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
      return { ok: false, error: `The function bundle has no export "${jsExport}".` };
    }
    const called = vm.callFunction(fn, vm.undefined);
    fn.dispose();
    if (called.error) {
      const error = vm.dump(called.error) as { message?: string } | string;
      called.error.dispose();
      return {
        ok: false,
        error: typeof error === "string" ? error : (error?.message ?? "The function threw."),
      };
    }
    called.value.dispose();
    const output = vm.getProp(vm.global, "__output");
    const text = vm.typeof(output) === "string" ? vm.getString(output) : null;
    output.dispose();
    if (text === null) return { ok: false, error: "The function wrote no output." };
    return { ok: true, output: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
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
