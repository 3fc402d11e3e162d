import {
  getArgumentValues,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { shopifyError, type ShopifyError } from "./errors";

// "Input arguments that accept an array have a maximum size of 250"
// (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits). Shopify answers a longer
// array with a top-level MAX_INPUT_SIZE_EXCEEDED error naming the field and argument (captured
// for discountRedeemCodeBulkAdd with 251 codes).
export const MAX_INPUT_ARRAY_SIZE = 250;

function longestArray(value: unknown): number {
  if (Array.isArray(value)) return Math.max(value.length, ...value.map(longestArray));
  if (value && typeof value === "object")
    return Math.max(0, ...Object.values(value).map(longestArray));
  return 0;
}

export function inputArrayErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): ShopifyError[] {
  const errors: ShopifyError[] = [];
  const typeInfo = new TypeInfo(schema);
  const names: string[] = [];
  const inOperation = {
    ...document,
    definitions: [
      operation,
      ...document.definitions.filter((d) => d.kind === "FragmentDefinition"),
    ],
  };
  visit(
    inOperation,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node: FieldNode) {
          names.push(node.alias?.value ?? node.name.value);
          const def = typeInfo.getFieldDef();
          if (!def || !node.arguments?.length) return;
          const args = getArgumentValues(def, node, variables);
          for (const [argName, value] of Object.entries(args)) {
            const size = longestArray(value);
            if (size > MAX_INPUT_ARRAY_SIZE) {
              errors.push(
                shopifyError(
                  `The input array size of ${size} is greater than the maximum allowed of ${MAX_INPUT_ARRAY_SIZE}.`,
                  "MAX_INPUT_SIZE_EXCEEDED",
                  {},
                  {
                    locations: node.loc
                      ? [{ line: node.loc.startToken.line, column: node.loc.startToken.column }]
                      : undefined,
                    path: [...names, argName],
                  },
                ),
              );
            }
          }
        },
        leave() {
          names.pop();
        },
      },
    }),
  );
  return errors;
}
