// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm): it computes
// migration SQL with no native engine download, which this machine cannot do.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Provider } from "./derive-schemas";

const require = createRequire(import.meta.url);
let loaded: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const wasmFile = require
      .resolve("@prisma/schema-engine-wasm/schema_engine_bg")
      .replace(/\.js$/, ".wasm");
    const glue = engineGlue as unknown as WebAssembly.ModuleImports & {
      __wbg_set_wasm(exports: unknown): void;
    };
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmFile), {
      "./schema_engine_bg.js": glue,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  })();
  return loaded;
}

/** SQL that takes a database from schema `from` (or empty) to schema `to`; "" when nothing changes. */
export async function diffSchemas(
  provider: Provider,
  from: string | null,
  to: string,
): Promise<string> {
  await loadWasm();
  // The engine wants a live connection even for a schema-to-schema diff; it reads nothing from it.
  const factory =
    provider === "sqlite"
      ? new PrismaLibSql({ url: ":memory:" })
      : new PrismaPg({
          connectionString:
            process.env.DIFF_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
        });
  const engine = await engineGlue.SchemaEngine.new(
    { datamodels: [["schema.prisma", to]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    const result = await engine.diff({
      from:
        from === null
          ? { tag: "empty" }
          : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = result.stdout ?? "";
    return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? "" : sql;
  } finally {
    engine.free();
  }
}
