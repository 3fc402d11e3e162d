import { isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "../schema";
import { resolvers } from "./index";

describe("resolver map", () => {
  it("names only types and fields of the real Admin API 2026-04 schema", () => {
    const { schema } = loadAdminSchema();
    const unknown: string[] = [];
    for (const [typeName, fields] of Object.entries(resolvers)) {
      const type = schema.getType(typeName);
      if (!type || !isObjectType(type)) {
        unknown.push(typeName);
        continue;
      }
      for (const field of Object.keys(fields))
        if (!type.getFields()[field]) unknown.push(`${typeName}.${field}`);
    }
    expect(unknown).toEqual([]);
  });
});
