import { legacyId, parseGid } from "../../store/ids";
import { getMetafield, listMetafields, resolveNamespace } from "../../store/metafields";
import { centsToDecimal } from "../../store/money";
import type { Gid, ShopRecord, UserError } from "../../store/types";
import { paginate, type ConnectionArgs, type CursorKey } from "../connection";
import type { ResolverContext } from "../context";
import { ShopifyGraphQLError } from "../errors";
import { plain } from "../plain";
import type { Resolver } from "../resolve";

export function money(cents: number, currencyCode: string) {
  return plain({ amount: centsToDecimal(cents), currencyCode });
}

/** MoneyBag: the emulator has one currency per shop, so shop and presentment money agree. */
export function moneyBag(cents: number, currencyCode: string) {
  return plain({
    shopMoney: money(cents, currencyCode),
    presentmentMoney: money(cents, currencyCode),
  });
}

export function count(n: number) {
  return plain({ count: n, precision: "EXACT" });
}

export function userErrors(errors: UserError[]) {
  return errors.map((e) =>
    plain({ field: e.field, message: e.message, code: e.code, extraInfo: e.extraInfo ?? null }),
  );
}

/** A page of items as a plain connection (edges, nodes, pageInfo). */
export function connection<T>(
  fieldName: string,
  items: T[],
  args: ConnectionArgs,
  keyOf: (item: T) => CursorKey,
) {
  const page = paginate(fieldName, items, args, keyOf);
  return plain({
    edges: page.edges.map((e) => plain(e)),
    nodes: page.nodes,
    pageInfo: plain(page.pageInfo),
  });
}

/** Cursor key for id-sorted lists. */
export function byId(item: { id: Gid }): CursorKey {
  const id = legacyId(item.id);
  return { id, value: 0 };
}

/**
 * A GID argument for a lookup: a malformed id is Shopify's coercion error; a well-formed id of
 * another type finds nothing (null), as on Shopify.
 */
export function idArg(id: string, types: string | string[]): Gid | null {
  const parsed = parseGid(id);
  if (!parsed) {
    throw new ShopifyGraphQLError(`Invalid global id '${id}'`, "argumentLiteralsIncompatible", {
      typeName: "CoercionError",
    });
  }
  return [types].flat().includes(parsed.type) ? id : null;
}

export function unsupportedSortKey(fieldName: string, sortKey: string): never {
  throw new ShopifyGraphQLError(
    `The OneCode emulator does not implement sortKey ${sortKey} on ${fieldName}.`,
    "NOT_IMPLEMENTED",
  );
}

/** HasMetafields: metafield(namespace, key) and metafields(namespace, keys, first...). */
export function metafieldResolvers(
  ownerIdOf: (source: never, shop: ShopRecord) => Gid,
): Record<string, Resolver> {
  return {
    metafield: (source, args: { namespace?: string | null; key: string }, ctx: ResolverContext) =>
      getMetafield(
        ctx.shop,
        ownerIdOf(source as never, ctx.shop),
        resolveNamespace(args.namespace, ctx.app.id),
        args.key,
      ) ?? null,
    metafields: (
      source,
      args: ConnectionArgs & { namespace?: string | null; keys?: string[] | null },
      ctx: ResolverContext,
    ) => {
      let items = listMetafields(ctx.shop, ownerIdOf(source as never, ctx.shop));
      if (args.namespace) {
        const ns = resolveNamespace(args.namespace, ctx.app.id);
        items = items.filter((m) => m.namespace === ns);
      }
      if (args.keys) {
        const keys = new Set(args.keys);
        items = items.filter((m) => keys.has(`${m.namespace}.${m.key}`));
      }
      return connection("metafields", items, args, byId);
    },
  };
}

export const legacyResourceId: Resolver = (source: { id: Gid }) => legacyId(source.id);
