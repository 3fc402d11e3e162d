// A function input query's calculated cost by Shopify's rules for Functions input queries
// (limit 30 per target): a field returning a Metafield, hasAnyTag, hasTags, inAnyCollection and
// inCollections cost 3; every other leaf (scalar or enum) costs 1; objects and lists cost
// nothing themselves and are not multiplied by their length. Where the published rules leave
// room — `__typename`, the fields read from a metafield, and those read from the answers of
// hasTags and inCollections — this counts the higher figure (1 each), so the cost it reports is
// never below what Shopify computes. The query is
// validated against the Function API schema first, so a cost is never given for a query
// Shopify would refuse.
import {
  Kind,
  getNamedType,
  isLeafType,
  isObjectType,
  isInterfaceType,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";

export const MAX_QUERY_COST = 30;
export const MAX_QUERY_BYTES = 3_000;

const COST_3_FIELDS = new Set(["hasAnyTag", "hasTags", "inAnyCollection", "inCollections"]);

export function inputQueryCost(schema: GraphQLSchema, query: string): number {
  const document = parse(query);
  const errors = validate(schema, document);
  if (errors.length > 0)
    throw new Error(`Invalid input query: ${errors.map((e) => e.message).join("; ")}`);
  return documentCost(schema, document);
}

function documentCost(schema: GraphQLSchema, document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = schema.getRootType(definition.operation);
    if (root) total += selectionCost(schema, root, definition.selectionSet, fragments);
  }
  return total;
}

function selectionCost(
  schema: GraphQLSchema,
  parent: GraphQLNamedType,
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition
        ? schema.getType(selection.typeCondition.name.value)
        : parent;
      if (type) total += selectionCost(schema, type, selection.selectionSet, fragments);
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      const type = fragment && schema.getType(fragment.typeCondition.name.value);
      if (fragment && type) total += selectionCost(schema, type, fragment.selectionSet, fragments);
    } else if (selection.name.value === "__typename") {
      total += 1;
    } else {
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      const type = getNamedType(field.type);
      if (COST_3_FIELDS.has(field.name)) {
        total += 3;
        if (selection.selectionSet)
          total += selectionCost(schema, type, selection.selectionSet, fragments);
      } else if (isLeafType(type)) total += 1;
      else if (selection.selectionSet) {
        const inner = selectionCost(schema, type, selection.selectionSet, fragments);
        total += type.name === "Metafield" ? 3 + inner : inner;
      }
    }
  }
  return total;
}
