// The app's discount function as Shopify sees it: its shopify.extension.toml (targets, their
// input queries and exports, the input-variables metafield) and its JavaScript bundled the way
// Shopify CLI bundles a JS function before handing it to Javy (packages/app/src/cli/services/
// function/build.ts in Shopify/cli: esbuild, bundle, format esm, target es2022, the user's
// src/index aliased as "user-function" behind a generated entry that calls
// @shopify/shopify_function/run once per export).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { parse } from "smol-toml";

export const DEFAULT_FUNCTION_DIR = fileURLToPath(
  new URL("../../extensions/onecode-discount/", import.meta.url),
);

export interface FunctionTarget {
  /** e.g. "cart.lines.discounts.generate.run". */
  target: string;
  /** The toml's kebab-case export, e.g. "cart-lines-discounts-generate-run". */
  exportName: string;
  /** The JavaScript export it maps to, e.g. "cartLinesDiscountsGenerateRun". */
  jsExport: string;
  inputQueryPath: string;
  inputQuery: string;
}

export interface FunctionExtension {
  dir: string;
  handle: string;
  apiVersion: string;
  targets: FunctionTarget[];
  /** The owner metafield whose top-level keys feed the input queries' variables. */
  inputVariables: { namespace: string; key: string } | null;
  schemaPath: string;
}

interface TomlShape {
  api_version?: string;
  extensions?: {
    handle?: string;
    type?: string;
    targeting?: { target?: string; input_query?: string; export?: string }[];
    input?: { variables?: { namespace?: string; key?: string } };
  }[];
}

export function loadFunctionExtension(dir: string = DEFAULT_FUNCTION_DIR): FunctionExtension {
  const toml = parse(readFileSync(path.join(dir, "shopify.extension.toml"), "utf8")) as TomlShape;
  const extension = toml.extensions?.find((entry) => entry.type === "function");
  if (!extension?.handle || !toml.api_version) {
    throw new Error(`${dir}shopify.extension.toml declares no function extension with a handle.`);
  }
  const targets = (extension.targeting ?? []).map((entry) => {
    if (!entry.target || !entry.input_query || !entry.export) {
      throw new Error(
        `Every [[extensions.targeting]] needs target, input_query and export (${dir}).`,
      );
    }
    const inputQueryPath = path.join(dir, entry.input_query);
    return {
      target: entry.target,
      exportName: entry.export,
      jsExport: camelize(entry.export),
      inputQueryPath,
      inputQuery: readFileSync(inputQueryPath, "utf8"),
    };
  });
  const variables = extension.input?.variables;
  return {
    dir,
    handle: extension.handle,
    apiVersion: toml.api_version,
    targets,
    inputVariables:
      variables?.namespace && variables.key
        ? { namespace: variables.namespace, key: variables.key }
        : null,
    schemaPath: path.join(dir, "schema.graphql"),
  };
}

/** The function's JavaScript as Shopify CLI would hand it to Javy (optionally minified). */
export async function bundleFunction(
  extension: FunctionExtension,
  options: { minify?: boolean } = {},
): Promise<string> {
  const entry = [
    'import __runFunction from "@shopify/shopify_function/run";',
    ...extension.targets.map(
      ({ jsExport }) =>
        `import { ${jsExport} as __${jsExport} } from "user-function";\n` +
        `export function ${jsExport}() { return __runFunction(__${jsExport}); }`,
    ),
  ].join("\n");
  const result = await build({
    stdin: { contents: entry, loader: "ts", resolveDir: extension.dir },
    alias: { "user-function": path.join(extension.dir, "src/index.ts") },
    bundle: true,
    format: "esm",
    target: "es2022",
    legalComments: "none",
    logLevel: "silent",
    minify: options.minify ?? false,
    write: false,
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error("esbuild produced no output for the function.");
  return file.text;
}

function camelize(kebab: string): string {
  return kebab.replace(/-([a-z0-9])/g, (_match, ch: string) => ch.toUpperCase());
}
