import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isLeafType,
  isObjectType,
  valueFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

// Calculated query cost, after https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits
// ("Cost calculation": scalar and enum 0, object 1, interface and union the maximum of the possible
// selections, connections sized by first/last, mutations 10). Where the page leaves room, the
// rules below were fitted to costs Shopify returned for discountRedeemCodeBulkAdd and
// discountRedeemCodeBulkCreation on Admin API 2026-04 (captured answers: requested 24 for a bulk
// add selecting codes(first: 10) with errors and discountRedeemCode, 15 for the same read as a query;
// https://github.com/airhorns/shopify-draft-proxy/blob/main/fixtures/conformance/harry-test-heelo.myshopify.com/2026-04/discounts/discount-redeem-code-bulk-add-validation.json):
// - a connection costs 2 + first (or last), plus its node's nested objects counted once, plus
//   first × the cost of connections nested in its node (nested pages multiply, as documented);
// - a mutation costs 10 plus the connections inside its payload (the payload's own objects are free);
// - actual cost is the same walk over the data returned: null objects cost 0, a connection counts
//   the nodes it returned.

export interface CostContext {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

type Data = Record<string, unknown> | null | undefined;

/** "all": everything; "objects": objects only (connections 0); "connections": connections only. */
type Mode = "all" | "objects" | "connections";

function isConnectionField(field: GraphQLField<unknown, unknown>): boolean {
  const type = getNamedType(field.type);
  return (
    isObjectType(type) &&
    type.name.endsWith("Connection") &&
    field.args.some((a) => a.name === "first")
  );
}

function pageSize(
  ctx: CostContext,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
): number {
  for (const name of ["first", "last"]) {
    const argNode = node.arguments?.find((a) => a.name.value === name);
    const argDef = field.args.find((a) => a.name === name);
    if (!argNode || !argDef) continue;
    const value = valueFromAST(argNode.value, argDef.type, ctx.variables);
    if (typeof value === "number") return Math.max(0, value);
  }
  return 0;
}

/** Fields selected on `type`, following fragments whose condition applies to it. */
function collectFields(
  ctx: CostContext,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  out: FieldNode[] = [],
): FieldNode[] {
  for (const sel of selectionSet.selections) {
    if (sel.kind === "Field") out.push(sel);
    else {
      const fragment = sel.kind === "FragmentSpread" ? ctx.fragments[sel.name.value] : sel;
      if (!fragment) continue;
      const cond = fragment.typeCondition?.name.value;
      const condType = cond ? ctx.schema.getType(cond) : type;
      const applies =
        !condType ||
        condType === type ||
        (isAbstractType(condType) && ctx.schema.isSubType(condType, type));
      if (applies) collectFields(ctx, type, fragment.selectionSet, out);
    }
  }
  return out;
}

function possibleTypes(ctx: CostContext, type: GraphQLCompositeType): readonly GraphQLObjectType[] {
  return isAbstractType(type) ? ctx.schema.getPossibleTypes(type) : [type];
}

function typeOfData(ctx: CostContext, type: GraphQLCompositeType, data: Data): GraphQLObjectType[] {
  if (!isAbstractType(type)) return [type];
  const name = data && typeof data.__typename === "string" ? data.__typename : null;
  const found = name ? ctx.schema.getType(name) : null;
  return found && isObjectType(found) ? [found] : [...possibleTypes(ctx, type)];
}

/** Cost of a selection set on `type`; `data` undefined means "requested" (before execution). */
function selectionCost(
  ctx: CostContext,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  data: Data,
  payloadObjectsFree: boolean,
  mode: Mode = "all",
): number {
  let best = 0;
  for (const concrete of typeOfData(ctx, type, data)) {
    let sum = 0;
    for (const node of collectFields(ctx, concrete, selectionSet)) {
      const field = concrete.getFields()[node.name.value];
      if (!field) continue;
      const key = node.alias?.value ?? node.name.value;
      const value = data === undefined ? undefined : data?.[key];
      sum += fieldCost(ctx, field, node, value, payloadObjectsFree, mode);
    }
    best = Math.max(best, sum);
  }
  return best;
}

/** Costs nested inside a connection's node, counted once across the connection. */
function connectionNodeCost(
  ctx: CostContext,
  connection: GraphQLObjectType,
  node: FieldNode,
  value: unknown,
): { nested: number; perNode: number; returned: number } {
  let nested = 0;
  let perNode = 0;
  let returned = 0;
  const conn = value as Record<string, unknown> | null | undefined;
  for (const part of collectFields(ctx, connection, node.selectionSet as SelectionSetNode)) {
    const key = part.alias?.value ?? part.name.value;
    const partValue = conn === undefined ? undefined : conn?.[key];
    let nodeSelection: SelectionSetNode | undefined;
    let items: unknown[] | undefined;
    const itemType = getNamedType(connection.getFields()[part.name.value]?.type);
    if (part.name.value === "nodes" && part.selectionSet) {
      nodeSelection = part.selectionSet;
      items = Array.isArray(partValue) ? partValue : undefined;
    } else if (part.name.value === "edges" && part.selectionSet && isObjectType(itemType)) {
      const nodeField = collectFields(ctx, itemType, part.selectionSet).find(
        (f) => f.name.value === "node",
      );
      nodeSelection = nodeField?.selectionSet;
      const key2 = nodeField?.alias?.value ?? "node";
      items = Array.isArray(partValue)
        ? partValue.map((e) => (e as Record<string, unknown> | null)?.[key2])
        : undefined;
    }
    if (!nodeSelection) continue;
    const nodeType = getNamedType(
      part.name.value === "nodes"
        ? connection.getFields().nodes?.type
        : isObjectType(itemType)
          ? itemType.getFields().node?.type
          : undefined,
    );
    if (!nodeType || !isCompositeType(nodeType)) continue;
    if (conn === undefined) {
      nested = Math.max(
        nested,
        selectionCost(ctx, nodeType, nodeSelection, undefined, false, "objects"),
      );
      perNode = Math.max(
        perNode,
        selectionCost(ctx, nodeType, nodeSelection, undefined, false, "connections"),
      );
    } else {
      returned = Math.max(returned, items?.length ?? 0);
      let pages = 0;
      for (const item of items ?? []) {
        if (item && typeof item === "object") {
          nested = Math.max(
            nested,
            selectionCost(ctx, nodeType, nodeSelection, item as Data, false, "objects"),
          );
          pages += selectionCost(ctx, nodeType, nodeSelection, item as Data, false, "connections");
        }
      }
      perNode = Math.max(perNode, pages);
    }
  }
  return { nested, perNode, returned };
}

function fieldCost(
  ctx: CostContext,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  value: unknown,
  payloadObjectsFree: boolean,
  mode: Mode = "all",
): number {
  const type = getNamedType(field.type);
  if (isLeafType(type) || !isCompositeType(type) || !node.selectionSet) return 0;
  const requested = value === undefined;
  if (!requested && value === null) return 0;
  if (isConnectionField(field) && isObjectType(type)) {
    if (mode === "objects") return 0;
    const { nested, perNode, returned } = connectionNodeCost(ctx, type, node, value);
    const size = requested ? pageSize(ctx, field, node) : returned;
    if (size === 0) return 2;
    // Actual cost already summed the nested pages over the nodes returned.
    return 2 + size + nested + (requested ? size * perNode : perNode);
  }
  const own = payloadObjectsFree || mode === "connections" ? 0 : 1;
  if (Array.isArray(value)) {
    if (value.length === 0) return 0;
    let most = 0;
    for (const item of value) {
      most = Math.max(
        most,
        selectionCost(ctx, type, node.selectionSet, item as Data, payloadObjectsFree, mode),
      );
    }
    return own + most;
  }
  return own + selectionCost(ctx, type, node.selectionSet, value as Data, payloadObjectsFree, mode);
}

/** Requested cost (before execution, `data` omitted) or actual cost (from the data returned). */
export function operationCost(
  ctx: CostContext,
  operation: OperationDefinitionNode,
  data?: Data,
): number {
  const root =
    operation.operation === "mutation" ? ctx.schema.getMutationType() : ctx.schema.getQueryType();
  if (!root) return 0;
  if (data === null) return 0;
  let total = 0;
  for (const node of collectFields(ctx, root, operation.selectionSet)) {
    const field = root.getFields()[node.name.value];
    if (!field) continue;
    const key = node.alias?.value ?? node.name.value;
    const value = data === undefined ? undefined : data[key];
    if (operation.operation === "mutation") {
      if (data !== undefined && value === undefined) continue;
      total += 10 + fieldCost(ctx, field, node, value, true);
    } else {
      total += fieldCost(ctx, field, node, value, false);
    }
  }
  return total;
}
