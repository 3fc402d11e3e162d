import { readFileSync } from "node:fs";

export type Provider = "sqlite" | "postgresql";
export const SCHEMA_FILE = new URL("./schema.prisma", import.meta.url);

/**
 * schema.prisma is written for SQLite. Prisma ties a generated client and its migrations to one
 * provider, so the PostgreSQL schema is this same text with the provider and the client's output
 * folder swapped (docs/decisions/001-two-databases.md).
 */
export function schemaFor(provider: Provider, source = readFileSync(SCHEMA_FILE, "utf8")): string {
  if (provider === "sqlite") return source;
  const swapped = source
    .replace(/provider(\s*)= "sqlite"/, 'provider$1= "postgresql"')
    .replace(
      'output       = "../app/generated/prisma/sqlite"',
      'output       = "./prisma/postgresql"',
    )
    .replace(/generator sessionStorageCompat \{[^}]*\}\n/, "");
  if (swapped === source)
    throw new Error("prisma/schema.prisma: datasource or generator block not found");
  return swapped;
}
