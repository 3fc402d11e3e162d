import {
  getNamedType,
  isAbstractType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLTypeResolver,
} from "graphql";
import { gidType } from "../store/ids";
import type { ResolverContext } from "./context";
import { ShopifyGraphQLError } from "./errors";
import { isPlain } from "./plain";
import { accessDenied, effectiveScopes, parseRequiredAccess, satisfies } from "./scopes";

export type Resolver = (
  source: any, // eslint-disable-line @typescript-eslint/no-explicit-any -- each type's source is its store record
  args: any, // eslint-disable-line @typescript-eslint/no-explicit-any -- arguments arrive as coerced by graphql-js
  ctx: ResolverContext,
  info: GraphQLResolveInfo,
) => unknown;

/** Type name → field name → resolver. */
export type ResolverMap = Record<string, Record<string, Resolver>>;

/** What a field's access depends on: itself, the type it returns, and a connection's node type. */
function accessKeys(info: GraphQLResolveInfo): string[] {
  const returned = getNamedType(info.returnType);
  const keys = [`${info.parentType.name}.${info.fieldName}`, returned.name];
  if (isObjectType(returned) && returned.name.endsWith("Connection")) {
    const nodes = returned.getFields().nodes;
    if (nodes) keys.push(getNamedType(nodes.type).name);
  }
  return keys;
}

function checkAccess(ctx: ResolverContext, info: GraphQLResolveInfo): void {
  const scopes = effectiveScopes(ctx.installation.scopes);
  for (const key of accessKeys(info)) {
    const text = ctx.admin.requiredAccess.get(key);
    const rule = text ? parseRequiredAccess(text) : null;
    if (text && rule && !satisfies(rule, scopes)) throw accessDenied(info.fieldName, text);
  }
}

/**
 * The one field resolver: an explicit resolver for the type's field, else the property of a plain
 * value, else a loud NOT_IMPLEMENTED error (never made-up data).
 */
export function makeFieldResolver(
  resolvers: ResolverMap,
): GraphQLFieldResolver<unknown, ResolverContext> {
  return (source, args, ctx, info) => {
    checkAccess(ctx, info);
    const resolver = resolvers[info.parentType.name]?.[info.fieldName];
    if (resolver) return resolver(source, args, ctx, info);
    if (isPlain(source) && Object.prototype.hasOwnProperty.call(source, info.fieldName)) {
      return source[info.fieldName];
    }
    throw new ShopifyGraphQLError(
      `The OneCode emulator does not implement ${info.parentType.name}.${info.fieldName}. ` +
        "Add a resolver under emulator/graphql/resolvers/ or stop selecting this field.",
      "NOT_IMPLEMENTED",
      { typeName: info.parentType.name, fieldName: info.fieldName },
    );
  };
}

/**
 * Concrete types for unions and interfaces: a plain value names its __typename; a store record is
 * typed by its GID, except a code discount's `codeDiscount`, typed by its kind, and an automatic
 * discount's `automaticDiscount`.
 */
export const typeResolver: GraphQLTypeResolver<unknown, ResolverContext> = (
  value,
  _ctx,
  _info,
  abstractType,
) => {
  if (!isAbstractType(abstractType)) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.__typename === "string") return record.__typename;
  if (abstractType.name === "DiscountCode")
    return record.kind === "app" ? "DiscountCodeApp" : "DiscountCodeBasic";
  // Only app automatic discounts are stored (DiscountAutomaticNode records).
  if (abstractType.name === "DiscountAutomatic") return "DiscountAutomaticApp";
  const type = typeof record.id === "string" ? gidType(record.id) : null;
  if (type) return type;
  throw new ShopifyGraphQLError(
    `The OneCode emulator cannot type a ${abstractType.name} value.`,
    "NOT_IMPLEMENTED",
  );
};
