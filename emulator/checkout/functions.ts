// The app's function extensions, found the way the app registration finds them
// (extensions/*/shopify.extension.toml, matched by handle), each bundled once and run in QuickJS.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { EmulatorState } from "../store/context";
import type { CodeDiscount, ShopifyFunctionRecord } from "../store/types";
import {
  bundleFunction,
  loadFunctionExtension,
  type FunctionExtension,
} from "./function-extension";
import { createFunctionRunner, type FunctionRunner } from "./function-runner";

export const DEFAULT_EXTENSIONS_DIR = fileURLToPath(new URL("../../extensions/", import.meta.url));

export interface LoadedFunction {
  record: ShopifyFunctionRecord;
  extension: FunctionExtension;
  runner: FunctionRunner;
}

export class FunctionRegistry {
  private readonly runners = new Map<string, Promise<FunctionRunner>>();
  private extensions: Map<string, FunctionExtension> | null = null;

  constructor(private readonly extensionsDir: string = DEFAULT_EXTENSIONS_DIR) {}

  /** The function behind an app discount, bundled and ready, or why there is none. */
  async forDiscount(
    state: EmulatorState,
    discount: CodeDiscount,
  ): Promise<LoadedFunction | string> {
    const app = discount.appApiKey ? state.apps.get(discount.appApiKey) : undefined;
    const record = app?.functions.find((f) => f.id === discount.functionId);
    if (!record)
      return `No function ${discount.functionId ?? "(none)"} is registered for ${discount.id}.`;
    const extension = this.byHandle().get(record.handle);
    if (!extension) return `No extension with handle ${record.handle} under ${this.extensionsDir}.`;
    let runner = this.runners.get(record.handle);
    if (!runner) {
      runner = bundleFunction(extension).then(createFunctionRunner);
      this.runners.set(record.handle, runner);
    }
    return { record, extension, runner: await runner };
  }

  private byHandle(): Map<string, FunctionExtension> {
    if (!this.extensions) {
      this.extensions = new Map();
      const dirs = existsSync(this.extensionsDir)
        ? readdirSync(this.extensionsDir, { withFileTypes: true })
        : [];
      for (const dir of dirs) {
        const full = path.join(this.extensionsDir, dir.name, "/");
        if (!dir.isDirectory() || !existsSync(path.join(full, "shopify.extension.toml"))) continue;
        try {
          const extension = loadFunctionExtension(full);
          this.extensions.set(extension.handle, extension);
        } catch {
          // Not a function extension (a UI extension has no [[extensions.targeting]] input query).
        }
      }
    }
    return this.extensions;
  }
}
