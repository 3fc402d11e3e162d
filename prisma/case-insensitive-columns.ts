import type { Provider } from "./derive-schemas";

// Prisma has no way to say "compare this column case-insensitively", yet discount codes must be
// unique and found regardless of case, as Shopify treats them. The migration generator rewrites
// the column definition of these columns wherever a migration creates their table.
export const CASE_INSENSITIVE_COLUMNS = [{ table: "Code", column: "code" }];

export const PG_COLLATION = "onecode_case_insensitive";

// ICU level-2 strength ignores case but not accents; nondeterministic so "=" and unique indexes
// use it (PostgreSQL docs, "Nondeterministic Collations").
const PG_COLLATION_SQL = `-- Case-insensitive collation for discount codes (prisma/case-insensitive-columns.ts)
CREATE COLLATION IF NOT EXISTS "${PG_COLLATION}" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
`;

export function makeColumnsCaseInsensitive(provider: Provider, sql: string): string {
  let out = sql;
  for (const { table, column } of CASE_INSENSITIVE_COLUMNS) {
    const createTable = new RegExp(`CREATE TABLE "(?:new_)?${table}" \\(([\\s\\S]*?)\\n\\);`, "g");
    out = out.replace(createTable, (block) =>
      block.replace(
        new RegExp(`("${column}" TEXT)( NOT NULL)?`),
        (_m, def: string, notNull = "") =>
          provider === "sqlite"
            ? `${def}${notNull} COLLATE NOCASE`
            : `${def} COLLATE "${PG_COLLATION}"${notNull}`,
      ),
    );
    if (new RegExp(`ALTER TABLE "${table}"[^;]*"${column}"`).test(out))
      throw new Error(
        `A migration alters ${table}.${column}: keep its case-insensitive collation by hand`,
      );
  }
  if (provider === "postgresql" && out !== sql && !out.includes(PG_COLLATION_SQL))
    out = PG_COLLATION_SQL + "\n" + out;
  return out;
}
