import type { AdminSchema } from "./schema";

// The filter fields a `query:` argument accepts, read from the table Shopify puts in the
// argument's description (| name | type | description | ...). Shopify ignores any other field
// and says so in extensions.search; the emulator does the same.

const cache = new Map<string, Set<string>>();

export function validSearchFields(
  admin: AdminSchema,
  typeName: string,
  fieldName: string,
): Set<string> {
  const key = `${typeName}.${fieldName}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const type = admin.schema.getType(typeName);
  const field = type && "getFields" in type ? type.getFields()[fieldName] : undefined;
  const description =
    field && "args" in field ? (field.args.find((a) => a.name === "query")?.description ?? "") : "";
  const names = new Set(
    [...description.matchAll(/\n\| (\w+) \| \w+ \|/g)].map((m) => m[1] as string),
  );
  cache.set(key, names);
  return names;
}
