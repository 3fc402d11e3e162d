import {
  GraphQLError,
  print,
  visit,
  type ASTNode,
  type DocumentNode,
  type SourceLocation,
} from "graphql";

// Shopify's Admin API error bodies (graphql-ruby wording), as captured from the live API:
// {"errors":[{"message":..., "locations":[{line,column}], "path":[...], "extensions":{"code":...}}]}.

export interface ShopifyError {
  message: string;
  locations?: readonly SourceLocation[];
  path?: readonly (string | number)[];
  extensions: Record<string, unknown> & { code: string };
}

export function shopifyError(
  message: string,
  code: string,
  extra: Record<string, unknown> = {},
  where: { locations?: readonly SourceLocation[]; path?: readonly (string | number)[] } = {},
): ShopifyError {
  return {
    message,
    ...(where.locations ? { locations: where.locations } : {}),
    ...(where.path ? { path: where.path } : {}),
    extensions: { code, ...extra },
  };
}

/** "query Name" / "mutation" etc., then field aliases-or-names down to `target` (graphql-ruby's path). */
function documentPath(document: DocumentNode, target: ASTNode): string[] {
  let found: string[] = [];
  visit(document, {
    enter(node, _key, _parent, _path, ancestors) {
      if (node !== target) return undefined;
      const trail: string[] = [];
      for (const a of [...(ancestors as ASTNode[]), node]) {
        if (!a || typeof a !== "object" || !("kind" in a)) continue;
        if (a.kind === "OperationDefinition")
          trail.push(a.name ? `${a.operation} ${a.name.value}` : a.operation);
        else if (a.kind === "FragmentDefinition") trail.push(`fragment ${a.name.value}`);
        else if (a.kind === "Field") trail.push(a.name.value);
      }
      found = trail;
      return false;
    },
  });
  return found;
}

type Mapper = (m: RegExpExecArray) => {
  message: string;
  code: string;
  extra?: Record<string, unknown>;
};

// graphql-js validation messages → the graphql-ruby wording and codes Shopify answers with.
const VALIDATION_MAPPERS: [RegExp, Mapper][] = [
  [
    /^Cannot query field "(\w+)" on type "(\w+)"\./,
    (m) => ({
      message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
      code: "undefinedField",
      extra: { typeName: m[2], fieldName: m[1] },
    }),
  ],
  [
    /^Unknown argument "(\w+)" on field "\w+\.(\w+)"\./,
    (m) => ({
      message: `Field '${m[2]}' doesn't accept argument '${m[1]}'`,
      code: "argumentNotAccepted",
      extra: { name: m[2], typeName: "Field", argumentName: m[1] },
    }),
  ],
  [
    /^Field "(\w+)" argument "(\w+)" of type "[^"]+" is required, but it was not provided\./,
    (m) => ({
      message: `Field '${m[1]}' is missing required arguments: ${m[2]}`,
      code: "missingRequiredArguments",
      extra: { className: "Field", name: m[1], arguments: m[2] },
    }),
  ],
  [
    /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields\./,
    (m) => {
      const type = (m[2] ?? "").replace(/[[\]!]/g, "");
      return {
        message: `Field must have selections (field '${m[1]}' returns ${type} but has no selections. Did you mean '${m[1]} { ... }'?)`,
        code: "selectionMismatch",
        extra: { nodeName: `field '${m[1]}'`, typeName: type },
      };
    },
  ],
  [
    /^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields\./,
    (m) => {
      const type = (m[2] ?? "").replace(/[[\]!]/g, "");
      return {
        message: `Selections can't be made on scalars (field '${m[1]}' returns ${type} but has selections)`,
        code: "selectionMismatch",
        extra: { nodeName: `field '${m[1]}'`, typeName: type },
      };
    },
  ],
];

export function validationError(document: DocumentNode, error: GraphQLError): ShopifyError {
  const node = error.nodes?.[0];
  const path = node ? documentPath(document, node) : undefined;
  for (const [pattern, map] of VALIDATION_MAPPERS) {
    const m = pattern.exec(error.message);
    if (m) {
      const mapped = map(m);
      return shopifyError(mapped.message, mapped.code, mapped.extra, {
        locations: error.locations,
        path,
      });
    }
  }
  return shopifyError(
    error.message,
    "GRAPHQL_VALIDATION_FAILED",
    {},
    { locations: error.locations, path },
  );
}

export function parseError(error: GraphQLError): ShopifyError {
  const loc = error.locations?.[0];
  const detail = error.message.replace(/^Syntax Error: /, "");
  const at = loc ? ` at [${loc.line}, ${loc.column}]` : "";
  return shopifyError(
    `syntax error, ${detail}${at}`,
    "PARSE_ERROR",
    {},
    { locations: error.locations },
  );
}

/** Variable coercion failures (graphql-js) in Shopify's INVALID_VARIABLE shape. */
export function variableError(
  document: DocumentNode,
  error: GraphQLError,
  variables: Record<string, unknown>,
): ShopifyError {
  const name = /^Variable "\$(\w+)"/.exec(error.message)?.[1];
  if (!name)
    return shopifyError(error.message, "INVALID_VARIABLE", {}, { locations: error.locations });
  let type = "?";
  visit(document, {
    VariableDefinition(def) {
      if (def.variable.name.value === name) type = print(def.type);
    },
  });
  const explanation = /^Variable "\$\w+" of (required|non-null) type/.test(error.message)
    ? "Expected value to not be null"
    : error.message.replace(/^Variable "\$\w+" got invalid value .*?; /, "");
  return shopifyError(
    `Variable $${name} of type ${type} was provided invalid value`,
    "INVALID_VARIABLE",
    { value: variables[name] ?? null, problems: [{ path: [], explanation }] },
    { locations: error.locations },
  );
}

/** An error raised on purpose inside a resolver, carrying Shopify's extensions. */
export class ShopifyGraphQLError extends GraphQLError {
  constructor(message: string, code: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}
