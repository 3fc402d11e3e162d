import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

export const ADMIN_API_VERSION = "2026-04";
const SCHEMA_URL = new URL("../schema/admin-2026-04.schema.json.gz", import.meta.url);
// The copy must stay byte-identical to Shopify's (emulator/schema/README.md).
const SCHEMA_SHA256 = "860cd22ab667513c70d136371c2cdfe996c08af4c89df44bda9a0fea7fa2ec47";

export interface AdminSchema {
  schema: GraphQLSchema;
  /** "Type.field" or "Type" → Shopify's requiredAccess text from the introspection extensions. */
  requiredAccess: Map<string, string>;
}

interface RawField {
  name: string;
  requiredAccess?: string | null;
}
interface RawType {
  name: string;
  requiredAccess?: string | null;
  fields?: RawField[] | null;
}

let cached: AdminSchema | undefined;

/** The real Admin API 2026-04 schema; built once per process (~1 s) since it never changes. */
export function loadAdminSchema(): AdminSchema {
  if (cached) return cached;
  const gz = readFileSync(SCHEMA_URL);
  const digest = createHash("sha256").update(gz).digest("hex");
  if (digest !== SCHEMA_SHA256) {
    throw new Error(
      `emulator/schema/admin-2026-04.schema.json.gz changed (sha256 ${digest}); restore Shopify's file`,
    );
  }
  const json = JSON.parse(gunzipSync(gz).toString("utf8")) as { data: IntrospectionQuery };
  const requiredAccess = new Map<string, string>();
  for (const type of json.data.__schema.types as unknown as RawType[]) {
    if (type.requiredAccess) requiredAccess.set(type.name, type.requiredAccess);
    for (const field of type.fields ?? []) {
      if (field.requiredAccess)
        requiredAccess.set(`${type.name}.${field.name}`, field.requiredAccess);
    }
  }
  cached = { schema: buildClientSchema(json.data), requiredAccess };
  return cached;
}
