// Shopify's real Admin API 2026-04 schema (the emulator's copy), for validating what the push sends.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

let schema: GraphQLSchema | undefined;

export function adminSchema(): GraphQLSchema {
  if (schema) return schema;
  const file = new URL("../../emulator/schema/admin-2026-04.schema.json.gz", import.meta.url);
  const raw = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as
    IntrospectionQuery | { data: IntrospectionQuery };
  schema = buildClientSchema("data" in raw ? raw.data : raw);
  return schema;
}
