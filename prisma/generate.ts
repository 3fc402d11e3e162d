// Generates the Prisma clients for both databases (run by `postinstall` and `npm run db:generate`).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { schemaFor } from "./derive-schemas";

const require = createRequire(import.meta.url);
const generatedDir = fileURLToPath(new URL("../app/generated/", import.meta.url));
const postgresSchema = `${generatedDir}schema.postgresql.prisma`;

mkdirSync(generatedDir, { recursive: true });
writeFileSync(postgresSchema, schemaFor("postgresql"));

// `prisma generate` needs no schema engine, but the CLI insists on locating one before it starts
// and would download it (impossible offline). Any existing file satisfies that check; migrations
// never go through the CLI here (prisma/migrate.ts applies them).
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? require.resolve("prisma/build/index.js"),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const cli = require.resolve("prisma/build/index.js");
for (const schema of [fileURLToPath(new URL("./schema.prisma", import.meta.url)), postgresSchema]) {
  execFileSync(process.execPath, [cli, "generate", "--schema", schema], { stdio: "inherit", env });
}
